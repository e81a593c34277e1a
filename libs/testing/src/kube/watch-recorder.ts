import { Watch, type KubeConfig } from '@kubernetes/client-node';

/** One watch event as the API server sent it (type ADDED, MODIFIED, DELETED, BOOKMARK, ERROR). */
export interface RecordedWatchEvent {
  readonly type: string;
  // Watch payloads are whatever the resource is; tests narrow them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly object: any;
}

export interface WatchRecorder {
  /** Every event so far, in order. */
  readonly events: readonly RecordedWatchEvent[];
  /** Resolves with the first event (past or future) that matches; rejects after timeoutMs or when the watch ends first. */
  waitFor(match: (e: RecordedWatchEvent) => boolean, timeoutMs?: number): Promise<RecordedWatchEvent>;
  /** Resolves with the error (or null) the watch ended with. */
  readonly ended: Promise<unknown>;
  stop(): void;
}

/**
 * Opens a raw watch on `path` (e.g. /apis/g/v1/namespaces/ns/widgets) and records its events,
 * so a test can assert on what the API server really sent — ERROR events included.
 */
export async function recordWatch(kc: KubeConfig, path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<WatchRecorder> {
  const events: RecordedWatchEvent[] = [];
  const waiters = new Set<() => void>();
  let endedWith: { err: unknown } | undefined;
  let resolveEnded: (err: unknown) => void = () => {};
  const ended = new Promise<unknown>((r) => (resolveEnded = r));
  const notify = () => {
    for (const w of waiters) w();
  };
  const controller = await new Watch(kc).watch(
    path,
    query,
    (type, object) => {
      events.push({ type, object });
      notify();
    },
    (err) => {
      endedWith = { err };
      resolveEnded(err);
      notify();
    },
  );
  return {
    events,
    ended,
    stop: () => controller.abort(),
    waitFor: (match, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) return done(() => resolve(found));
          if (endedWith) return done(() => reject(new Error(`watch on ${path} ended before a matching event: ${String(endedWith?.err)}; got ${describe(events)}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no matching event on ${path} within ${timeoutMs} ms; got ${describe(events)}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      }),
  };
}

function describe(events: readonly RecordedWatchEvent[]): string {
  return JSON.stringify(events.map((e) => `${e.type} ${e.object?.metadata?.name ?? e.object?.code ?? ''}`));
}
