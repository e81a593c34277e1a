// An informer written once over list + Watch (ARCHITECTURE.md "wrap the Kubernetes informer
// once — its ListWatch stops on unexpected errors"): list, then watch from the list's
// resourceVersion; re-watch after a normal end; on 410 Gone or any other error re-list with
// exponential backoff, forever, until stopped. It keeps a cache and reports level-based keys:
// consumers re-read the cache (or the API) rather than trusting event payloads.
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { exponentialDelayMs, sleep, type Logger } from '@eventing/platform';
import { GoneError, toKubeError } from './errors';
import { objectKey, resourcePath, type KubeObject } from './objects';
import type { CustomResourceClient } from './custom-resources';

export type ChangeKind = 'added' | 'modified' | 'deleted';

/** One observed change; `previous` is the cached object before it (undefined when added). */
export interface ObjectChange {
  readonly kind: ChangeKind;
  readonly key: string;
  readonly object: KubeObject;
  readonly previous?: KubeObject;
}

export interface InformerOptions {
  readonly kc: KubeConfig;
  readonly client: CustomResourceClient;
  /** Watch one namespace only; all namespaces when absent. */
  readonly namespace?: string;
  readonly logger?: Logger;
  /** Backoff between re-lists after errors. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Server-side watch timeout; the watch is then re-opened from the last resourceVersion. */
  readonly watchTimeoutSeconds?: number;
}

export interface Informer {
  /** Starts the list/watch loop (returns at once). */
  start(): void;
  stop(): Promise<void>;
  /** True once the first list has been applied to the cache. */
  hasSynced(): boolean;
  /** Resolves when the first list has been applied (or the informer stopped). */
  synced(): Promise<void>;
  get(key: string): KubeObject | undefined;
  list(): KubeObject[];
  /** Called for every change, including the differences a re-list finds (deletions during an outage too). */
  onChange(listener: (change: ObjectChange) => void): void;
  /** Called after every successful (re-)list. */
  onResync(listener: () => void): void;
}

export const DEFAULT_INFORMER_INITIAL_BACKOFF_MS = 200;
export const DEFAULT_INFORMER_MAX_BACKOFF_MS = 30_000;
const DEFAULT_WATCH_TIMEOUT_SECONDS = 300;
/** A watch that ends this quickly without any event counts as a failure (no hot loop). */
const MIN_HEALTHY_WATCH_MS = 1_000;

type WatchEnd = { kind: 'closed'; resourceVersion: string; healthy: boolean } | { kind: 'failed'; error: Error };

export function createInformer(options: InformerOptions): Informer {
  const cache = new Map<string, KubeObject>();
  const changeListeners: Array<(change: ObjectChange) => void> = [];
  const resyncListeners: Array<() => void> = [];
  const abort = new AbortController();
  let hasSynced = false;
  let markSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((resolve) => (markSynced = resolve));
  let loop: Promise<void> | undefined;
  let activeWatch: AbortController | undefined;
  const initialBackoff = options.initialBackoffMs ?? DEFAULT_INFORMER_INITIAL_BACKOFF_MS;
  const maxBackoff = options.maxBackoffMs ?? DEFAULT_INFORMER_MAX_BACKOFF_MS;
  const path = resourcePath(options.client.resource, options.namespace);

  const emit = (change: ObjectChange) => {
    for (const listener of changeListeners) {
      try {
        listener(change);
      } catch (err) {
        options.logger?.error({ err, key: change.key }, 'informer listener failed');
      }
    }
  };

  /** Replaces the cache with a fresh list and reports what differs from before. */
  const replace = (items: readonly KubeObject[]) => {
    const seen = new Set<string>();
    for (const object of items) {
      const key = objectKey(object.metadata);
      seen.add(key);
      const previous = cache.get(key);
      cache.set(key, object);
      if (!previous) emit({ kind: 'added', key, object });
      else if (previous.metadata.resourceVersion !== object.metadata.resourceVersion) emit({ kind: 'modified', key, object, previous });
    }
    for (const [key, previous] of [...cache]) {
      if (seen.has(key)) continue;
      cache.delete(key);
      emit({ kind: 'deleted', key, object: previous, previous });
    }
  };

  const apply = (type: string, object: KubeObject) => {
    const key = objectKey(object.metadata);
    const previous = cache.get(key);
    if (type === 'DELETED') {
      cache.delete(key);
      emit({ kind: 'deleted', key, object, ...(previous ? { previous } : {}) });
    } else {
      cache.set(key, object);
      emit(previous ? { kind: 'modified', key, object, previous } : { kind: 'added', key, object });
    }
  };

  const watchOnce = (resourceVersion: string): Promise<WatchEnd> =>
    new Promise<WatchEnd>((resolve) => {
      let current = resourceVersion;
      let events = 0;
      let gone: GoneError | undefined;
      let failure: Error | undefined;
      const startedAt = Date.now();
      const query = {
        resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: options.watchTimeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS,
      };
      const onEvent = (type: string, object: KubeObject) => {
        events += 1;
        if (type === 'ERROR') {
          // The API server reports an expired resourceVersion as an ERROR event carrying a Status.
          const status = object as unknown as { code?: number; message?: string };
          const error = toKubeError(Object.assign(new Error(status.message ?? 'watch error'), { statusCode: status.code }), `watch ${path}`);
          if (error instanceof GoneError) gone = error;
          else failure = error;
          activeWatch?.abort();
          return;
        }
        const version = object?.metadata?.resourceVersion;
        if (version) current = version;
        if (type !== 'BOOKMARK') apply(type, object);
      };
      const onDone = (err: unknown) => {
        activeWatch = undefined;
        if (gone) return resolve({ kind: 'failed', error: gone });
        if (failure) return resolve({ kind: 'failed', error: failure });
        // The client turns 30 s without data into a TimeoutError; that is an idle watch, not a failure.
        const idle = err instanceof Error && err.name === 'TimeoutError';
        if (err && !idle && !abort.signal.aborted) return resolve({ kind: 'failed', error: toKubeError(err, `watch ${path}`) });
        resolve({ kind: 'closed', resourceVersion: current, healthy: idle || events > 0 || Date.now() - startedAt >= MIN_HEALTHY_WATCH_MS });
      };
      new Watch(options.kc).watch(path, query, onEvent, onDone).then(
        (controller) => {
          activeWatch = controller;
          if (abort.signal.aborted) controller.abort();
        },
        (err: unknown) => onDone(err),
      );
    });

  const run = async () => {
    let attempt = 0;
    while (!abort.signal.aborted) {
      try {
        const listed = await options.client.list(options.namespace);
        if (abort.signal.aborted) return;
        replace(listed.items);
        if (!hasSynced) {
          hasSynced = true;
          markSynced();
        }
        for (const listener of resyncListeners) listener();
        let resourceVersion = listed.resourceVersion;
        for (;;) {
          const end = await watchOnce(resourceVersion);
          if (abort.signal.aborted) return;
          if (end.kind === 'failed') throw end.error;
          if (!end.healthy) throw new Error(`watch ${path} closed at once`);
          attempt = 0;
          resourceVersion = end.resourceVersion;
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        attempt += 1;
        // 410 Gone is the normal expiry of a watch: re-list at once; anything else backs off.
        const delay = err instanceof GoneError ? 0 : exponentialDelayMs(attempt, initialBackoff, maxBackoff);
        options.logger?.warn({ err, path, attempt, delayMs: delay }, err instanceof GoneError ? 'watch expired, re-listing' : 'list/watch failed, re-listing after backoff');
        await sleep(delay, abort.signal);
      }
    }
  };

  return {
    start() {
      loop ??= run();
    },
    async stop() {
      abort.abort();
      activeWatch?.abort();
      markSynced();
      await loop;
    },
    hasSynced: () => hasSynced,
    synced: () => syncedPromise,
    get: (key) => cache.get(key),
    list: () => [...cache.values()],
    onChange: (listener) => void changeListeners.push(listener),
    onResync: (listener) => void resyncListeners.push(listener),
  };
}
