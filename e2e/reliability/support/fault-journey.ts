// One fault journey: a steady publisher through the proxy, a fault injected while it runs, then
// the books: every acknowledged event delivered or dead-lettered, with the times it took.
import { waitFor } from '@eventing/testing';
import type { EventSink } from './event-sink';
import { allArrived, countJourney, readDeadLetters, summaryLine, type JourneyCounts } from './ledger';
import { startPacedPublisher, type PacedPublisher } from './paced-publisher';
import type { System } from './system';

export interface FaultJourneyOptions {
  /** Also the prefix of the journey's event ids. */
  readonly name: string;
  readonly system: System;
  readonly sink: EventSink;
  /** Event type the publisher sends (the journey's Subscription's type). */
  readonly type?: string;
  readonly ratePerSecond?: number;
  /** Events delivered before the fault (the flow is established). */
  readonly deliveredBeforeFault?: number;
  /** Events accepted after the fault's end before the publisher stops. */
  readonly acceptedAfterFault?: number;
  /** Injects the fault; resolves once the faulty part is back (or replaced). */
  readonly fault: (publisher: PacedPublisher) => Promise<void>;
  /** Limit for every acknowledged event to arrive after the publisher stopped. */
  readonly drainTimeoutMs?: number;
  /** More fields for the summary line, read when the journey ends. */
  readonly summaryExtra?: () => Record<string, string | number>;
  /** Longest the publisher may wait for accepted events after the fault. */
  readonly afterFaultTimeoutMs?: number;
}

export interface FaultJourneyResult {
  readonly counts: JourneyCounts;
  readonly publisher: PacedPublisher;
  readonly deadLetters: ReadonlyMap<string, string>;
  /** From the fault's end until the first event accepted after it was delivered. */
  readonly recoveryMs: number;
  /** From the fault's end until every event accepted before it had arrived. */
  readonly catchUpMs: number;
  readonly line: string;
}

export const DEFAULT_RATE_PER_SECOND = 300;
const POLL_MS = 250;

export async function runFaultJourney(options: FaultJourneyOptions): Promise<FaultJourneyResult> {
  const { name, system, sink } = options;
  const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  const publisher = startPacedPublisher({ proxyUrl: system.proxyUrl, ratePerSecond: rate, idPrefix: name, ...(options.type ? { type: options.type } : {}) });
  const deadLetters = new Map<string, string>();
  let journeyOver = false;
  const refreshDeadLetters = async (): Promise<void> => {
    for (const [id, reason] of await readDeadLetters(system.nc, `${name}-`).catch(() => new Map<string, string>())) deadLetters.set(id, reason);
  };
  try {
    await waitFor(() => sink.delivered().size >= (options.deliveredBeforeFault ?? rate), 30_000, `${name}: flow established`);
    const faultStart = Date.now();
    await options.fault(publisher);
    const faultEnd = Date.now();

    let catchUpMs = -1;
    const catchUp = (async () => {
      let lastDeadLetterRead = 0;
      while (!journeyOver && !allArrived(publisher, sink, deadLetters, faultEnd)) {
        if (Date.now() - lastDeadLetterRead > 2_000) {
          lastDeadLetterRead = Date.now();
          await refreshDeadLetters();
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      if (allArrived(publisher, sink, deadLetters, faultEnd)) catchUpMs = Date.now() - faultEnd;
    })();

    const afterFault = () => [...publisher.accepted.values()].filter((at) => at >= faultEnd).length;
    await waitFor(() => afterFault() >= (options.acceptedAfterFault ?? rate * 3), options.afterFaultTimeoutMs ?? 60_000, `${name}: accepting again`);
    const first = publisher.firstAcceptedAfter(faultEnd)!;
    await waitFor(() => sink.delivered().has(first.id) || deadLetters.has(first.id), options.drainTimeoutMs ?? 120_000, `${name}: first event after the fault delivered`);
    // The sink may see the event before the publisher sees the proxy's answer: never below 0.
    const recoveryMs = Math.max(0, (sink.delivered().get(first.id) ?? Date.now()) - faultEnd);
    await publisher.stop();

    const drainUntil = Date.now() + (options.drainTimeoutMs ?? 120_000);
    while (!allArrived(publisher, sink, deadLetters) && Date.now() < drainUntil) {
      await refreshDeadLetters();
      if (allArrived(publisher, sink, deadLetters)) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await refreshDeadLetters();
    journeyOver = true;
    await catchUp;
    const counts = countJourney(publisher, sink, deadLetters);
    const line = summaryLine(name, counts, publisher, {
      faultMs: faultEnd - faultStart,
      publishOutageMs: publisher.outageMs(faultStart),
      recoveryMs,
      catchUpMs,
      skipped: publisher.skipped(),
      ...options.summaryExtra?.(),
    });
    console.log(line);
    return { counts, publisher, deadLetters, recoveryMs, catchUpMs, line };
  } finally {
    journeyOver = true;
    await publisher.stop();
  }
}
