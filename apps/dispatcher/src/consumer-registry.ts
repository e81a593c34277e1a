// Follows the dispatch specs the controller writes into NATS (SPEC section 4, last paragraph) and
// keeps one consumer loop per spec: started on put, updated in place on a changed sink or policy
// (reference 4.4 "sink changed → applied to subsequent deliveries"), stopped on delete.
import { z } from 'zod';
import type { DispatchSpec, JsonKvStore, KvChange } from '@eventing/jetstream';
import { exponentialDelayMs, sleep, type Logger } from '@eventing/platform';
import type { ConsumerLoop } from './consumer-loop';

export const REWATCH_INITIAL_DELAY_MS = 200;
export const REWATCH_MAX_DELAY_MS = 5_000;

const name = z.string().min(1);
/** What a dispatcher accepts from the bucket; a value it cannot use is skipped (kv-store drops it). */
const dispatchSpecSchema = z.object({
  consumer: name,
  stream: name,
  subject: name,
  deliverSubject: name,
  deliverGroup: name,
  subscription: z.object({ namespace: name, name }),
  sink: z.url(),
  typeMatching: z.enum(['standard', 'exact']),
  source: z.string(),
  originalType: z.string(),
  cleanType: z.string(),
  maxInFlight: z.number().int().positive(),
  policy: z.object({
    maxDeliveries: z.number().int().positive(),
    initialDelayMs: z.number().nonnegative(),
    maxDelayMs: z.number().nonnegative(),
    multiplier: z.number().positive(),
    timeoutMs: z.number().positive(),
    deadLetterSink: z.url().optional(),
  }),
});

export function parseDispatchSpec(raw: unknown): DispatchSpec {
  return dispatchSpecSchema.parse(raw);
}

export interface ConsumerRegistryDependencies {
  readonly specs: Pick<JsonKvStore<DispatchSpec>, 'watch'>;
  readonly startLoop: (spec: DispatchSpec) => ConsumerLoop;
  readonly logger: Logger;
}

export interface ConsumerRegistry {
  start(): void;
  /** Re-reads every spec (after a reconnect: changes made meanwhile are picked up). */
  rewatch(): void;
  /** Stops the watch and every loop; each loop drains within `drainMs`. */
  stop(drainMs: number): Promise<void>;
  /** True while the spec watch runs. */
  watching(): boolean;
  consumers(): readonly string[];
}

/** Whether a spec change needs a new binding (a different consumer or deliver subject/group). */
export function needsRebind(current: DispatchSpec, next: DispatchSpec): boolean {
  return current.stream !== next.stream || current.consumer !== next.consumer || current.deliverSubject !== next.deliverSubject || current.deliverGroup !== next.deliverGroup;
}

export function createConsumerRegistry(deps: ConsumerRegistryDependencies): ConsumerRegistry {
  const loops = new Map<string, { spec: DispatchSpec; loop: ConsumerLoop }>();
  const stopping = new Set<Promise<void>>();
  let watchAbort: AbortController | undefined;
  let watchRunning = false;
  let stopped = false;
  const stopSignal = new AbortController();
  let running: Promise<void> | undefined;
  const logger = deps.logger;

  const stopLoop = (loop: ConsumerLoop, drainMs: number): void => {
    const done = loop.stop(drainMs).catch((err: unknown) => logger.error({ err, consumer: loop.consumer }, 'stopping a consumer loop failed'));
    stopping.add(done);
    void done.finally(() => stopping.delete(done));
  };

  const apply = (change: KvChange<DispatchSpec>): void => {
    if (stopped) return;
    const entry = loops.get(change.key);
    if (change.kind === 'delete') {
      if (!entry) return;
      loops.delete(change.key);
      logger.info({ consumer: entry.spec.consumer }, 'dispatch spec removed, stopping delivery');
      stopLoop(entry.loop, entry.spec.policy.timeoutMs);
      return;
    }
    const spec = change.value;
    if (entry && !needsRebind(entry.spec, spec)) {
      entry.spec = spec;
      entry.loop.update(spec);
      return;
    }
    if (entry) stopLoop(entry.loop, entry.spec.policy.timeoutMs);
    logger.info({ consumer: spec.consumer, sink: spec.sink, subscription: `${spec.subscription.namespace}/${spec.subscription.name}` }, 'delivering for dispatch spec');
    loops.set(change.key, { spec, loop: deps.startLoop(spec) });
  };

  const watchLoop = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      watchAbort = new AbortController();
      watchRunning = true;
      try {
        await deps.specs.watch(apply, watchAbort.signal);
        if (!watchAbort.signal.aborted) failures += 1;
        else failures = 0;
      } catch (err) {
        failures += 1;
        logger[failures === 1 ? 'warn' : 'debug']({ err, failures }, 'dispatch spec watch failed, retrying');
      } finally {
        watchRunning = false;
      }
      if (stopped) break;
      if (failures > 0) await sleep(exponentialDelayMs(failures, REWATCH_INITIAL_DELAY_MS, REWATCH_MAX_DELAY_MS), stopSignal.signal);
    }
  };

  return {
    start: () => {
      running ??= watchLoop();
    },
    rewatch: () => watchAbort?.abort(),
    stop: async (drainMs) => {
      stopped = true;
      stopSignal.abort();
      watchAbort?.abort();
      for (const { loop } of loops.values()) stopLoop(loop, drainMs);
      loops.clear();
      await Promise.all([...stopping]);
      await running;
    },
    watching: () => watchRunning,
    consumers: () => [...loops.values()].map((entry) => entry.spec.consumer),
  };
}
