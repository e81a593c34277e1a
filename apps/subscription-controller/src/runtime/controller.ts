// The controller loop (controller-runtime's shape): workers take keys from the queue, reconcile,
// and act on the result — ok forgets the backoff, requeueAfter schedules, error backs off,
// terminal waits for the object to change (or the periodic resync).
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Logger, Tracing } from '@eventing/platform';
import type { ReconcileResult, Reconciler } from '../subscription/reconciler';
import { WorkQueue } from './work-queue';

export type ReconcileOutcomeLabel = 'ok' | 'requeue_after' | 'error' | 'terminal';

export interface ControllerObserver {
  reconciled(outcome: ReconcileOutcomeLabel, durationMs: number): void;
  queueDepth(depth: number): void;
}

export interface ControllerOptions {
  readonly reconciler: Reconciler;
  readonly queue?: WorkQueue;
  readonly workers: number;
  /** Every key from here is queued every resync period (reference 4.10 `--reconcile-period`). */
  readonly listKeys: () => Promise<string[]>;
  readonly resyncPeriodMs: number;
  readonly logger: Logger;
  readonly observer?: ControllerObserver;
  /** A span per reconcile when tracing is on (SPEC section 7). */
  readonly tracing?: Tracing;
}

export interface Controller {
  readonly queue: WorkQueue;
  enqueue(key: string): void;
  /** Queues every current key (resync, NATS reconnect). */
  enqueueAll(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export function createController(options: ControllerOptions): Controller {
  const queue = options.queue ?? new WorkQueue();
  const { reconciler, logger, observer } = options;
  let workers: Promise<void>[] = [];
  let resyncTimer: NodeJS.Timeout | undefined;

  const handle = (key: string, result: ReconcileResult) => {
    switch (result.kind) {
      case 'ok':
      case 'terminal':
        queue.forget(key);
        return;
      case 'requeueAfter':
        queue.forget(key);
        queue.addAfter(key, result.delayMs);
        return;
      case 'error': {
        const delayMs = queue.addRateLimited(key);
        logger.warn({ subscription: key, err: result.error, retryInMs: delayMs }, 'reconcile failed, retrying with backoff');
      }
    }
  };

  const work = async () => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      const started = performance.now();
      const span = options.tracing?.enabled
        ? options.tracing.tracer.startSpan('reconcile Subscription', { kind: SpanKind.INTERNAL, attributes: { 'eventing.subscription': key } })
        : undefined;
      let result: ReconcileResult;
      try {
        result = span ? await context.with(trace.setSpan(context.active(), span), () => reconciler.reconcile(key)) : await reconciler.reconcile(key);
      } catch (err) {
        result = { kind: 'error', error: err instanceof Error ? err : new Error(String(err)) };
      }
      if (span) {
        span.setAttribute('eventing.reconcile.outcome', result.kind);
        if (result.kind === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.message });
        span.end();
      }
      handle(key, result);
      queue.done(key);
      const label: ReconcileOutcomeLabel = result.kind === 'requeueAfter' ? 'requeue_after' : result.kind;
      observer?.reconciled(label, performance.now() - started);
      observer?.queueDepth(queue.length());
      logger.debug({ subscription: key, outcome: label }, 'reconciled');
    }
  };

  const enqueueAll = async () => {
    for (const key of await options.listKeys()) queue.add(key);
    observer?.queueDepth(queue.length());
  };

  return {
    queue,
    enqueue: (key) => {
      queue.add(key);
      observer?.queueDepth(queue.length());
    },
    enqueueAll,
    start() {
      workers = Array.from({ length: options.workers }, () => work());
      resyncTimer = setInterval(() => {
        enqueueAll().catch((err: unknown) => logger.error({ err }, 'resync failed'));
      }, options.resyncPeriodMs);
      resyncTimer.unref();
    },
    async stop() {
      clearInterval(resyncTimer);
      queue.shutDown();
      await Promise.all(workers);
    },
  };
}
