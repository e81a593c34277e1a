import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';

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

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
const alive = new Set<ChildProcess>();
const dirsToRemove = new Set<string>();
let exitHookInstalled = false;

/** Removes `dir` when the process exits without having called the returned function (which forgets it). */
export function removeOnExit(dir: string): () => void {
  installExitHook();
  dirsToRemove.add(dir);
  return () => dirsToRemove.delete(dir);
}

// If the test runner exits without a teardown (crash, Ctrl-C, kill), take the servers along
// instead of leaving etcd and kube-apiserver running on a shared machine.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of alive) child.kill('SIGKILL');
    // etcd preallocates a 64 MB WAL: do not leave one behind per interrupted run.
    for (const dir of dirsToRemove) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      // Re-raise once our listener is gone, so the runner's own handling (or the default exit) happens.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

export function startProcess(name: string, binary: string, args: string[], logFile: string): ManagedProcess {
  installExitHook();
  const fd = openSync(logFile, 'a');
  // Inside a jest test file `process` is a copy whose signal and exit events never fire, so the
  // hook above only covers the global setup; the kernel's parent-death signal covers the rest
  // (even a SIGKILLed runner). setpriv is in util-linux, on every Debian machine.
  const [command, commandArgs] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
  const child = spawn(command, commandArgs, { stdio: ['ignore', fd, fd] });
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
