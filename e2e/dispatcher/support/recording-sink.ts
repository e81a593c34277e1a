import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sink received. */
export interface RecordedRequest {
  readonly id: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly receivedAtMs: number;
  /** How many times this event id had arrived before (0 for the first). */
  readonly previousArrivals: number;
}

/** How the sink answers one request. */
export interface SinkAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** Wait this long before answering (a slow sink). */
  readonly delayMs?: number;
}

export type SinkBehaviour = (request: RecordedRequest) => SinkAnswer;

/**
 * An HTTP sink that records every request and tracks concurrency: overall and per event id
 * (a request counts as active from arrival until it is answered or its connection closes).
 */
export interface RecordingSink {
  readonly url: string;
  readonly requests: RecordedRequest[];
  behave(behaviour: SinkBehaviour): void;
  /** Event ids answered with a 2xx (a live view). */
  delivered(): ReadonlySet<string>;
  maxConcurrent(): number;
  /** The most requests for the same event id that were active at once. */
  maxConcurrentPerEvent(): number;
  /** Ids that were answered 2xx more than once. */
  duplicates(): number;
  close(): Promise<void>;
}

export async function startRecordingSink(behaviour: SinkBehaviour = () => ({ status: 204 })): Promise<RecordingSink> {
  let behave = behaviour;
  const requests: RecordedRequest[] = [];
  const arrivals = new Map<string, number>();
  const activeById = new Map<string, number>();
  const deliveredCount = new Map<string, number>();
  const deliveredIds = new Set<string>();
  let duplicates = 0;
  let active = 0;
  let maxActive = 0;
  let maxPerEvent = 0;

  const server: Server = createServer((req, res) => {
    const id = String(req.headers['ce-id'] ?? '');
    active += 1;
    maxActive = Math.max(maxActive, active);
    const sameId = (activeById.get(id) ?? 0) + 1;
    activeById.set(id, sameId);
    maxPerEvent = Math.max(maxPerEvent, sameId);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      active -= 1;
      activeById.set(id, (activeById.get(id) ?? 1) - 1);
    };
    res.once('finish', finish);
    res.once('close', finish);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const previousArrivals = arrivals.get(id) ?? 0;
      arrivals.set(id, previousArrivals + 1);
      const recorded: RecordedRequest = { id, headers: req.headers, body: Buffer.concat(chunks).toString(), receivedAtMs: Date.now(), previousArrivals };
      requests.push(recorded);
      const answer = behave(recorded);
      const respond = (): void => {
        if (res.destroyed) return;
        // Counted before the answer leaves, so that the dispatcher's ack cannot overtake it.
        if (answer.status >= 200 && answer.status < 300) {
          const times = (deliveredCount.get(id) ?? 0) + 1;
          deliveredCount.set(id, times);
          deliveredIds.add(id);
          if (times === 2) duplicates += 1;
        }
        finish();
        res.writeHead(answer.status, answer.headers).end();
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    requests,
    behave: (next) => {
      behave = next;
    },
    delivered: () => deliveredIds,
    maxConcurrent: () => maxActive,
    maxConcurrentPerEvent: () => maxPerEvent,
    duplicates: () => duplicates,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
