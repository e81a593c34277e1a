import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository, found from this file's location. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Runs one of the repository's tool build scripts (which cache what they build outside the
 * repository) and returns the path it prints last. SPEC section 11.
 */
export function buildTool(script: string, env: Record<string, string> = {}): string {
  const path = join(REPO_ROOT, script);
  if (!existsSync(path)) throw new Error(`tool build script missing: ${script}`);
  const out = execFileSync('bash', [path], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = out.trim().split('\n');
  const last = lines[lines.length - 1];
  if (!last) throw new Error(`${script} printed no path`);
  return last.trim();
}
