import type { ManagedConnection } from '@eventing/jetstream';
import type { Logger } from '@eventing/platform';

/** How often the proxy re-checks that the stream exists while connected. */
export const STREAM_CHECK_INTERVAL_MS = 2000;

/**
 * Readiness needs a usable stream (SPEC section 2 `/readyz`): checked at start, after every
 * reconnect and periodically; returns the last answer.
 */
export function watchStreamReadiness(check: () => Promise<boolean>, connection: ManagedConnection, logger: Logger, signal: AbortSignal): () => boolean {
  let ready = false;
  const run = (): void => {
    if (connection.state() !== 'connected') return;
    check().then(
      (exists) => {
        if (exists !== ready) logger.info({ streamReady: exists }, exists ? 'stream is usable' : 'stream is missing');
        ready = exists;
      },
      () => {
        ready = false;
      },
    );
  };
  run();
  connection.onStateChange((state) => (state === 'connected' ? run() : (ready = false)));
  const timer = setInterval(run, STREAM_CHECK_INTERVAL_MS);
  timer.unref();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return () => ready;
}
