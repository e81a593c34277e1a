// The books of a journey (SPEC section 6): every event the proxy acknowledged must be delivered
// to its sink or stored in the dead-letter stream; nothing else counts as arrived.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DEAD_LETTER_HEADERS, DEAD_LETTER_STREAM } from '@eventing/jetstream';
import type { PacedPublisher } from './paced-publisher';
import type { EventSink } from './event-sink';

/** Dead letters by event id (`ce-id`) → their reason, read from the `eventing-dead-letters` stream. */
export async function readDeadLetters(nc: NatsConnection, idPrefix = ''): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(DEAD_LETTER_STREAM).catch(() => undefined);
  if (!info || info.state.messages === 0) return found;
  const consumer = await jetstream(nc).consumers.get(DEAD_LETTER_STREAM);
  let left = info.state.messages;
  while (left > 0) {
    const batch = await consumer.fetch({ max_messages: Math.min(left, 1_000), expires: 2_000 });
    let got = 0;
    for await (const message of batch) {
      got += 1;
      const id = message.headers?.get('ce-id') ?? '';
      if (id.startsWith(idPrefix)) found.set(id, message.headers?.get(DEAD_LETTER_HEADERS.reason) ?? '');
    }
    if (got === 0) break;
    left -= got;
  }
  return found;
}

export interface JourneyCounts {
  readonly accepted: number;
  readonly delivered: number;
  readonly deadLettered: number;
  readonly duplicates: number;
  /** Acknowledged by the proxy, yet neither delivered nor dead-lettered. */
  readonly lost: number;
  readonly lostIds: readonly string[];
}

export function countJourney(publisher: PacedPublisher, sink: EventSink, deadLetters: ReadonlyMap<string, string>): JourneyCounts {
  const delivered = sink.delivered();
  const lostIds: string[] = [];
  let deliveredCount = 0;
  let deadLettered = 0;
  for (const id of publisher.accepted.keys()) {
    if (delivered.has(id)) deliveredCount += 1;
    else if (deadLetters.has(id)) deadLettered += 1;
    else lostIds.push(id);
  }
  return { accepted: publisher.accepted.size, delivered: deliveredCount, deadLettered, duplicates: sink.duplicates(), lost: lostIds.length, lostIds };
}

/** True once every acknowledged event (up to `beforeMs`, default all) has been delivered or dead-lettered. */
export function allArrived(publisher: PacedPublisher, sink: EventSink, deadLetters: ReadonlyMap<string, string> = new Map(), beforeMs = Infinity): boolean {
  const delivered = sink.delivered();
  for (const [id, atMs] of publisher.accepted) {
    if (atMs <= beforeMs && !delivered.has(id) && !deadLetters.has(id)) return false;
  }
  return true;
}

/** The one summary line a journey prints: `reliability <journey>: key=value …`. */
export function summaryLine(journey: string, counts: JourneyCounts, publisher: PacedPublisher, extra: Record<string, string | number> = {}): string {
  const fields: Record<string, string | number> = {
    accepted: counts.accepted,
    delivered: counts.delivered,
    deadLettered: counts.deadLettered,
    duplicates: counts.duplicates,
    lost: counts.lost,
    publishErrors: publisher.errors(),
    statuses: JSON.stringify(publisher.statuses()),
    ...extra,
  };
  return `reliability ${journey}: ${Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
}
