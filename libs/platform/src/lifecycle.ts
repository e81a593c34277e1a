import type { Logger } from 'pino';

export interface Stoppable {
  readonly name: string;
  stop(): Promise<void>;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: stops the parts in the given order (first the ones that
 * take new work), each within the grace period, then exits. A second signal exits at once.
 */
export function installShutdown(logger: Logger, parts: readonly Stoppable[], graceMs: number): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown grace period exceeded, exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    void (async () => {
      for (const part of parts) {
        try {
          await part.stop();
        } catch (err) {
          logger.error({ err, part: part.name }, 'stopping failed');
        }
      }
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    })();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** Logs and exits on a failure during start-up (the orchestrator restarts the process). */
export function exitOnStartupFailure(logger: Logger | undefined, err: unknown): never {
  if (logger) logger.fatal({ err }, 'start-up failed');
  else console.error(err instanceof Error ? err.message : err);
  logger?.flush();
  process.exit(1);
}
