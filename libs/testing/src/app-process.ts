import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitForPort } from './nats-server';
import { REPO_ROOT } from './tools-cache';

export interface AppProcess {
  readonly name: string;
  /** Everything the process wrote, for assertions and for failure messages. */
  output(): string;
  /** SIGTERM and wait for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  exited(): boolean;
}

export type AppName = 'publisher-proxy' | 'subscription-controller' | 'dispatcher';

/**
 * Starts a built app (`dist/apps/<app>/main.js`, from `npm run build`) as a process on Node 24 and
 * waits until `waitPort` accepts connections.
 */
export async function startApp(app: AppName, env: Record<string, string>, waitPort?: number): Promise<AppProcess> {
  const main = join(REPO_ROOT, 'dist', 'apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', APP_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (waitPort !== undefined) {
    await waitForPort(waitPort, 20_000, () => (child.exitCode !== null ? `${app} exited (${child.exitCode}):\n${output}` : undefined));
  }
  return {
    name: app,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exit;
    },
  };
}
