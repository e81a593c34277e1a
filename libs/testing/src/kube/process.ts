import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** A control-plane process whose output goes to a log file (read back when it fails). */
export interface ManagedProcess {
  readonly name: string;
  readonly logFile: string;
  /** True while the process runs. */
  running(): boolean;
  /** The last part of its log, for error messages. */
  logTail(chars?: number): string;
  /** SIGTERM, then SIGKILL after graceMs; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const alive = new Set<ChildProcess>();
let exitHookInstalled = false;

// If the test runner exits without a teardown (crash, Ctrl-C), take the servers along
// instead of leaving etcd and kube-apiserver running on the machine.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of alive) child.kill('SIGKILL');
  });
}

export function startProcess(name: string, binary: string, args: string[], logFile: string): ManagedProcess {
  installExitHook();
  const fd = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  alive.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      alive.delete(child);
      resolve();
    });
    child.once('error', () => {
      alive.delete(child);
      resolve();
    });
  });
  return {
    name,
    logFile,
    running: () => alive.has(child),
    logTail: (chars = 4000) => {
      try {
        return readFileSync(logFile, 'utf8').slice(-chars);
      } catch {
        return '';
      }
    },
    stop: async (graceMs = 10_000) => {
      if (!alive.has(child)) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `probe` until it resolves true. Fails early with the process's log when the process
 * exits, and with the log tail after timeoutMs.
 */
export async function waitUntilHealthy(proc: ManagedProcess, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.running()) throw new Error(`${proc.name} exited during start-up; log ${proc.logFile}:\n${proc.logTail()}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`${proc.name} not healthy after ${timeoutMs} ms; log ${proc.logFile}:\n${proc.logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
