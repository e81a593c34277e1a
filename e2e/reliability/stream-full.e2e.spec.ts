// The stream full by bytes (SPEC section 2: storage full → 507; reference 4.1: discard new): with
// a small JS_STREAM_MAX_BYTES and a sink that is down, nothing drains the interest-retention
// stream; publishers get 507, nothing already stored is dropped, and once the sink is back and the
// stream drains, publishers are accepted again and every acknowledged event is delivered.
import { jetstreamManager, type StreamState } from '@nats-io/jetstream';
import { DEFAULT_STREAM_NAME } from '@eventing/jetstream';
import { waitFor } from '@eventing/testing';
import { startEventSink, type EventSink } from './support/event-sink';
import { runFaultJourney } from './support/fault-journey';
import { startSystem, type System } from './support/system';

const MAX_BYTES = '1Mi';

describe('reliability: the stream full by bytes', () => {
  let system: System;
  let sink: EventSink;

  beforeAll(async () => {
    system = await startSystem({ dispatchers: 1, controllerEnv: { JS_STREAM_MAX_BYTES: MAX_BYTES } });
    sink = await startEventSink();
  }, 90_000);
  afterAll(async () => {
    await system?.stop();
    await sink?.close();
  }, 60_000);

  const streamState = async (): Promise<StreamState> => (await (await jetstreamManager(system.nc)).streams.info(DEFAULT_STREAM_NAME)).state;

  it('publishers get 507 while it is full, nothing stored is dropped, and they are accepted again once the sink drains it', async () => {
    await system.subscribe({
      name: 'streamfull',
      sink: sink.url,
      types: ['streamfull.created.v1'],
      maxInFlight: 100,
      delivery: { maxDeliveries: 1000, backoff: { initialDelay: '200ms', maxDelay: '1s' }, timeout: '1s' },
    });
    await system.waitReady('streamfull');
    let full: StreamState | undefined;
    let later: StreamState | undefined;
    let undelivered = 0;
    const result = await runFaultJourney({
      name: 'streamfull',
      type: 'streamfull.created.v1',
      system,
      sink,
      fault: async (publisher) => {
        await sink.stop();
        await waitFor(() => (publisher.statuses()['507'] ?? 0) > 0, 60_000, 'the stream full: a 507');
        full = await streamState();
        const rejected = publisher.statuses()['507']!;
        await waitFor(() => (publisher.statuses()['507'] ?? 0) >= rejected + 500, 30_000, 'more publishers refused');
        later = await streamState();
        undelivered = [...publisher.accepted.keys()].filter((id) => !sink.delivered().has(id)).length;
        await sink.start();
      },
      summaryExtra: () => ({ storedWhenFull: full?.messages ?? -1, bytesWhenFull: full?.bytes ?? -1 }),
      drainTimeoutMs: 120_000,
    });
    // Refusing new events dropped none of the stored ones: the same range, no new deletions.
    expect(later!.first_seq).toBe(full!.first_seq);
    expect(later!.num_deleted).toBe(full!.num_deleted);
    expect(later!.messages).toBeGreaterThanOrEqual(full!.messages);
    // Every acknowledged event the sink had not taken was still in the stream.
    expect(later!.messages).toBeGreaterThanOrEqual(undelivered);
    expect(result.counts.lostIds).toEqual([]);
    expect(Object.keys(result.publisher.statuses()).sort()).toEqual(['204', '507']);
  }, 240_000);
});
