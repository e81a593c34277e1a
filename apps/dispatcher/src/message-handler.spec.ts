import type { DeliveryResult } from '@eventing/delivery-policy';
import type { DispatchSpec } from '@eventing/jetstream';
import { createLogger } from '@eventing/platform';
import type { DeliveryMessage } from './delivery-message';
import { createMessageHandler, requestTimeoutMs } from './message-handler';

describe('requestTimeoutMs', () => {
  it.each<[number, number, number]>([
    // policy timeout, consumer ack wait, request timeout
    [10_000, 30_000, 10_000],
    [29_000, 30_000, 24_000],
    [60_000, 30_000, 24_000],
    [1_000, 4_000, 1_000],
    [5_000, 4_000, 3_200],
  ])('policy %i ms with ack wait %i ms → %i ms (always below the ack wait)', (policy, ackWait, expected) => {
    expect(requestTimeoutMs(policy, ackWait)).toBe(expected);
  });
});

describe('createMessageHandler', () => {
  const spec: DispatchSpec = {
    consumer: 'c1',
    stream: 'sap',
    subject: 'kyma.myapp.order.created.v1',
    deliverSubject: 'd',
    deliverGroup: 'g',
    subscription: { namespace: 'shop', name: 'orders' },
    sink: 'http://orders.shop.svc.cluster.local/',
    typeMatching: 'standard',
    source: 'myapp',
    originalType: 'order.created.v1',
    cleanType: 'order.created.v1',
    maxInFlight: 10,
    policy: { maxDeliveries: 3, initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, timeoutMs: 10_000 },
  };
  const message = (calls: string[]): DeliveryMessage => ({
    subject: spec.subject,
    headers: { 'ce-specversion': '1.0', 'ce-id': 'A1', 'ce-source': 'myapp', 'ce-type': 'kyma.myapp.order.created.v1', 'ce-originaltype': 'order.created.v1' },
    data: new Uint8Array(),
    deliveryCount: 1,
    streamSequence: 7,
    storedAtMs: 1_000,
    ack: () => calls.push('ack'),
    nak: (delay) => calls.push(`nak ${delay}`),
    term: (reason) => calls.push(`term ${reason}`),
    working: () => calls.push('working'),
  });

  function handlerWith(answer: DeliveryResult) {
    const calls: string[] = [];
    const dispatches: Array<[string, number]> = [];
    const latencies: number[] = [];
    const posts: Array<{ sink: string; type: string | undefined; timeoutMs: number }> = [];
    const handle = createMessageHandler({
      sinks: {
        post: async (sink, request, timeoutMs) => {
          posts.push({ sink, type: request.headers['ce-type'], timeoutMs });
          return answer;
        },
        close: async () => undefined,
      },
      metrics: {
        registry: undefined as never,
        recordDispatch: (labels, code) => dispatches.push([labels.eventType, code]),
        recordOutcome: () => undefined,
        recordDeliveryLatency: (seconds) => latencies.push(seconds),
        addInFlight: () => undefined,
      },
      deadLetters: { publish: async () => ({ stream: 'dl', seq: 1, duplicate: false }) },
      subjectPrefix: 'kyma',
      logger: createLogger({ name: 'test', level: 'silent' }),
      now: () => 3_000,
      random: () => 1,
    });
    return { handle, calls, dispatches, latencies, posts };
  }

  it('POSTs the reverted type within the ack wait, records Kyma metrics and acks a 2xx', async () => {
    const h = handlerWith({ kind: 'response', status: 202 });
    await h.handle(message(h.calls), spec, 5_000);
    expect(h.posts).toEqual([{ sink: spec.sink, type: 'order.created.v1', timeoutMs: 4_000 }]);
    expect(h.dispatches).toEqual([['order.created.v1', 202]]);
    expect(h.calls).toEqual(['ack']);
    expect(h.latencies).toEqual([2]);
  });

  it('records a transport error as response code 500 and naks', async () => {
    const h = handlerWith({ kind: 'network-error', message: 'socket hang up' });
    await h.handle(message(h.calls), spec, 30_000);
    expect(h.dispatches).toEqual([['order.created.v1', 500]]);
    expect(h.calls).toEqual(['nak 100']);
    expect(h.latencies).toEqual([]);
  });
});
