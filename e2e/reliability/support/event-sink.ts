import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the sink answers one request. */
export interface SinkAnswer {
  readonly status: number;
  /** Wait this long before answering (a slow sink). */
  readonly delayMs?: number;
}

/** Chooses the answer from the event id and how often that id arrived before (0 the first time). */
export type SinkBehaviour = (id: string, previousArrivals: number) => SinkAnswer;

/**
 * A recording sink on a fixed loopback port that can be stopped and started again (a sink
 * outage: connections refused), tracking per event id: arrivals, 2xx answers and how many
 * requests for the same id were open at once.
 */
export interface EventSink {
  readonly url: string;
  readonly port: number;
  behave(behaviour: SinkBehaviour): void;
  /** Event id → time of its first 2xx answer (a live view). */
  delivered(): ReadonlyMap<string, number>;
  /** Ids answered 2xx more than once. */
  duplicates(): number;
  requests(): number;
  /** The most requests for one event id that were open at the same time. */
  maxConcurrentPerEvent(): number;
  /** Closes the listener and every open connection: senders see connection refused. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startEventSink(behaviour: SinkBehaviour = () => ({ status: 204 })): Promise<EventSink> {
  let behave = behaviour;
  const arrivals = new Map<string, number>();
  const open = new Map<string, number>();
  const deliveredAt = new Map<string, number>();
  const answered = new Map<string, number>();
  let duplicates = 0;
  let requests = 0;
  let maxPerEvent = 0;
  let server: Server | undefined;
  let port = 0;

  const listen = async (): Promise<void> => {
    const next = createServer((req, res) => {
      const id = String(req.headers['ce-id'] ?? '');
      requests += 1;
      const concurrent = (open.get(id) ?? 0) + 1;
      open.set(id, concurrent);
      maxPerEvent = Math.max(maxPerEvent, concurrent);
      let finished = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        const left = (open.get(id) ?? 1) - 1;
        if (left === 0) open.delete(id);
        else open.set(id, left);
      };
      res.once('close', finish);
      req.resume();
      req.on('end', () => {
        const previous = arrivals.get(id) ?? 0;
        arrivals.set(id, previous + 1);
        const answer = behave(id, previous);
        const respond = (): void => {
          if (res.destroyed) return;
          // Recorded before the answer leaves, so that the dispatcher's ack cannot overtake it.
          if (answer.status >= 200 && answer.status < 300) {
            const times = (answered.get(id) ?? 0) + 1;
            answered.set(id, times);
            if (times === 1) deliveredAt.set(id, Date.now());
            if (times === 2) duplicates += 1;
          }
          finish();
          res.writeHead(answer.status).end();
        };
        if (answer.delayMs) setTimeout(respond, answer.delayMs);
        else respond();
      });
    });
    next.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };

  const stop = async (): Promise<void> => {
    const current = server;
    server = undefined;
    if (!current) return;
    const closed = new Promise((resolve) => current.close(resolve));
    current.closeAllConnections();
    await closed;
  };

  await listen();
  return {
    url: `http://127.0.0.1:${port}/events`,
    port,
    behave: (next) => {
      behave = next;
    },
    delivered: () => deliveredAt,
    duplicates: () => duplicates,
    requests: () => requests,
    maxConcurrentPerEvent: () => maxPerEvent,
    stop,
    start: () => (server ? Promise.resolve() : listen()),
    close: stop,
  };
}
