import { Pool } from 'undici';

export interface PacedPublisherOptions {
  /** Base URL of the publisher proxy, e.g. http://127.0.0.1:8080 */
  readonly proxyUrl: string;
  readonly ratePerSecond: number;
  /** Event ids are `<idPrefix>-<n>`. */
  readonly idPrefix: string;
  readonly source?: string;
  readonly type?: string;
  /** Requests open at once at most; a tick that finds them all busy skips its events. */
  readonly maxInFlight?: number;
}

/** One answer of the proxy, kept for the statistics. */
export interface PublishOutcome {
  readonly id: string;
  readonly status: number;
  readonly sentAtMs: number;
  readonly answeredAtMs: number;
}

/**
 * A steady, paced publisher through the proxy (CloudEvents binary mode on `/publish`): it keeps
 * every event id the proxy answered 2xx (those must arrive) and counts every other answer.
 * Status 0 is a request that got no HTTP answer at all (connection refused or reset).
 */
export interface PacedPublisher {
  /** Ids answered 2xx, with the time of the answer. */
  readonly accepted: Map<string, number>;
  readonly outcomes: PublishOutcome[];
  /** Answer status → count (0: no answer). */
  statuses(): Record<string, number>;
  /** Events not sent because `maxInFlight` requests were already open. */
  skipped(): number;
  /** Non-2xx answers (and status 0). */
  errors(): number;
  /** Milliseconds from the first to the last non-2xx answer at or after `sinceMs` (0 if none). */
  outageMs(sinceMs?: number): number;
  /** Time of the first 2xx answer at or after `sinceMs`, if any. */
  firstAcceptedAfter(sinceMs: number): { id: string; atMs: number } | undefined;
  /** Stops sending, waits for the answers still open, closes the connections. */
  stop(): Promise<void>;
}

const TICK_MS = 10;

export function startPacedPublisher(options: PacedPublisherOptions): PacedPublisher {
  const pool = new Pool(options.proxyUrl, { connections: 64, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const maxInFlight = options.maxInFlight ?? 256;
  const source = options.source ?? 'myapp';
  const type = options.type ?? 'order.created.v1';
  const accepted = new Map<string, number>();
  const outcomes: PublishOutcome[] = [];
  const statuses: Record<string, number> = {};
  const open = new Set<Promise<void>>();
  let next = 0;
  let skipped = 0;
  let stopped: Promise<void> | undefined;
  const started = Date.now();

  const send = (id: string): void => {
    const sentAtMs = Date.now();
    const done = pool
      .request({
        path: '/publish',
        method: 'POST',
        headers: { 'ce-specversion': '1.0', 'ce-id': id, 'ce-source': source, 'ce-type': type, 'content-type': 'application/json' },
        body: JSON.stringify({ id }),
      })
      .then(async (res) => {
        await res.body.dump();
        return res.statusCode;
      })
      .catch(() => 0)
      .then((status) => {
        const answeredAtMs = Date.now();
        statuses[status] = (statuses[status] ?? 0) + 1;
        outcomes.push({ id, status, sentAtMs, answeredAtMs });
        if (status >= 200 && status < 300) accepted.set(id, answeredAtMs);
        open.delete(done);
      });
    open.add(done);
  };

  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * options.ratePerSecond);
    while (next + skipped < due) {
      if (open.size >= maxInFlight) {
        skipped += due - next - skipped;
        break;
      }
      send(`${options.idPrefix}-${next}`);
      next += 1;
    }
  }, TICK_MS);

  const failures = (sinceMs: number) => outcomes.filter((o) => (o.status < 200 || o.status >= 300) && o.answeredAtMs >= sinceMs);
  return {
    accepted,
    outcomes,
    statuses: () => ({ ...statuses }),
    skipped: () => skipped,
    errors: () => failures(0).length,
    outageMs: (sinceMs = 0) => {
      const failed = failures(sinceMs);
      if (failed.length === 0) return 0;
      const last = failed.reduce((m, o) => Math.max(m, o.answeredAtMs), 0);
      const first = failed.reduce((m, o) => Math.min(m, o.sentAtMs), Number.POSITIVE_INFINITY);
      return last - first;
    },
    firstAcceptedAfter: (sinceMs) => {
      let first: { id: string; atMs: number } | undefined;
      for (const [id, atMs] of accepted) if (atMs >= sinceMs && (!first || atMs < first.atMs)) first = { id, atMs };
      return first;
    },
    stop: () => {
      clearInterval(timer);
      stopped ??= (async () => {
        while (open.size > 0) await Promise.all([...open]);
        await pool.close();
      })();
      return stopped;
    },
  };
}
