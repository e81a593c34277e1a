// Fault journeys (SPEC section 6): while a paced publisher keeps sending through the proxy, NATS
// restarts (file storage, same store), a dispatcher is SIGKILLed (two replicas, then a new one),
// the controller restarts (folder mode), and the Subscription is updated. Every event the proxy acknowledged must reach the
// sink; publish errors during the fault are counted, duplicates too.
import { waitFor } from '@eventing/testing';
import { startEventSink, type EventSink } from './support/event-sink';
import { runFaultJourney } from './support/fault-journey';
import { startSystem, type System } from './support/system';

describe('reliability: component restarts and crashes under a steady publisher', () => {
  let system: System;
  const sinks: EventSink[] = [];

  beforeAll(async () => {
    system = await startSystem({ dispatchers: 2 });
  }, 90_000);
  afterAll(async () => {
    await system?.stop();
    await Promise.all(sinks.map((s) => s.close()));
  }, 60_000);

  /** A sink and a Subscription of its own for one journey: events of type `<journey>.created.v1`. */
  const prepare = async (journey: string): Promise<EventSink> => {
    const sink = await startEventSink();
    sinks.push(sink);
    await system.subscribe({ name: journey, sink: sink.url, types: [`${journey}.created.v1`], maxInFlight: 100 });
    await system.waitReady(journey);
    return sink;
  };

  it('NATS restarted mid-stream: every acknowledged event is delivered', async () => {
    const sink = await prepare('natsrestart');
    const result = await runFaultJourney({
      name: 'natsrestart',
      type: 'natsrestart.created.v1',
      system,
      sink,
      fault: () => system.nats.restart(),
    });
    expect(result.counts.lostIds).toEqual([]);
    expect(result.counts.deadLettered).toBe(0);
    expect(Object.keys(result.publisher.statuses()).filter((s) => !['204', '502', '503', '504'].includes(s))).toEqual([]);
  }, 180_000);

  it('a dispatcher SIGKILLed with two replicas running, then a new one started: every acknowledged event is delivered', async () => {
    const sink = await prepare('dispatcherkill');
    const result = await runFaultJourney({
      name: 'dispatcherkill',
      type: 'dispatcherkill.created.v1',
      system,
      sink,
      fault: async () => {
        const victim = system.dispatchers.shift()!;
        await victim.app.kill();
        await system.startDispatcher();
      },
    });
    expect(result.counts.lostIds).toEqual([]);
    // The proxy never noticed: the data path does not go through the dispatcher.
    expect(result.publisher.errors()).toBe(0);
  }, 180_000);

  it('the controller restarted (folder mode): delivery goes on, nothing is lost, the consumers stay', async () => {
    const sink = await prepare('controllerrestart');
    const result = await runFaultJourney({
      name: 'controllerrestart',
      type: 'controllerrestart.created.v1',
      system,
      sink,
      fault: async () => {
        await system.stopController();
        await system.startController();
        await system.waitReady('controllerrestart');
      },
    });
    expect(result.counts.lostIds).toEqual([]);
    expect(result.publisher.errors()).toBe(0);
  }, 180_000);

  it('the Subscription updated mid-stream (maxInFlightMessages, delivery policy, a second type): nothing is lost', async () => {
    const sink = await prepare('subscriptionupdate');
    const result = await runFaultJourney({
      name: 'subscriptionupdate',
      type: 'subscriptionupdate.created.v1',
      system,
      sink,
      fault: async () => {
        await system.subscribe({
          name: 'subscriptionupdate',
          sink: sink.url,
          types: ['subscriptionupdate.created.v1', 'subscriptionupdate.changed.v1'],
          maxInFlight: 20,
          delivery: { maxDeliveries: 50, backoff: { initialDelay: '100ms', maxDelay: '1s' } },
        });
        await waitFor(async () => (await system.status('subscriptionupdate'))?.observedGeneration === 2 && (await system.status('subscriptionupdate'))?.ready === true, 30_000, 'generation 2 reconciled');
      },
    });
    expect(result.counts.lostIds).toEqual([]);
    expect(result.publisher.errors()).toBe(0);
  }, 180_000);
});
