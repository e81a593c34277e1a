import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { helmBinary } from './binaries';

const run = promisify(execFile);
const helmHome = join(tmpdir(), 'eventing-test-helm-home');

export interface HelmResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the pinned helm (tools/helm) with `args`. Rejects with helm's stderr in the message
 * when it exits non-zero. HELM_* dirs point into a throwaway cache so tests never read or
 * write the user's helm configuration.
 */
export async function runHelm(args: string[], env: Record<string, string> = {}): Promise<HelmResult> {
  try {
    const { stdout, stderr } = await run(helmBinary(), args, {
      env: {
        ...process.env,
        HELM_CACHE_HOME: join(helmHome, 'cache'),
        HELM_CONFIG_HOME: join(helmHome, 'config'),
        HELM_DATA_HOME: join(helmHome, 'data'),
        ...env,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`helm ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}
