import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../tools-cache';

/** What jest's global setup is told about the run (the part of jest's GlobalConfig we read). */
export interface SelectedRun {
  readonly selectProjects?: readonly string[];
  readonly testPathPatterns?: { readonly patterns?: readonly string[] };
  /** With --findRelatedTests the patterns name source files, not tests: assume yes. */
  readonly findRelatedTests?: boolean;
}

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.nx', 'coverage']);

function* testFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* testFiles(join(dir, entry.name));
    } else if (/\.(int|e2e)\.spec\.ts$/.test(entry.name)) {
      yield join(dir, entry.name);
    }
  }
}

/**
 * Whether some integration or e2e test file selected for this jest run mentions `word`
 * ("kube", "helm"): the global setup then starts the shared API server or builds helm. A
 * unit-only run (`--selectProjects unit`, or paths that pick no such file) starts in seconds.
 */
export function selectedTestsMention(run: SelectedRun, word: RegExp): boolean {
  const projects = run.selectProjects ?? [];
  if (projects.length > 0 && !projects.some((p) => p === 'integration' || p === 'e2e')) return false;
  if (run.findRelatedTests) return true;
  const patterns = (run.testPathPatterns?.patterns ?? []).map((p) => new RegExp(p, 'i'));
  for (const root of ['apps', 'libs', 'tools', 'e2e', 'charts']) {
    let files: string[];
    try {
      files = [...testFiles(join(REPO_ROOT, root))];
    } catch {
      continue;
    }
    for (const file of files) {
      if (patterns.length > 0 && !patterns.some((re) => re.test(file))) continue;
      if (word.test(readFileSync(file, 'utf8'))) return true;
    }
  }
  return false;
}
