import { Writable } from 'node:stream';
import type { DeliveryResult } from '@eventing/delivery-policy';
import { DEAD_LETTER_HEADERS, PublishError, type DispatchSpec, type EventMessage } from '@eventing/jetstream';
import { createLogger } from '@eventing/platform';
import { toSinkEvent, type SinkRequest } from './deliver';
import type { DeliveryMessage } from './delivery-message';
import type { DeliveryLabels } from './metrics';
import { DEAD_LETTER_EXTENSIONS, settleAttempt, type SettleDependencies } from './settle';

const NOW = Date.parse('2026-12-03T10:00:00Z');

const spec: DispatchSpec = {
  consumer: 'c0ffee',
  stream: 'sap',
  subject: 'kyma.myapp.order.created.v1',
  deliverSubject: '_eventing.deliver.c0ffee',
  deliverGroup: 'dispatch-c0ffee',
  subscription: { namespace: 'shop', name: 'orders' },
  sink: 'http://orders.shop.svc.cluster.local/events',
  typeMatching: 'standard',
  source: 'myapp',
  originalType: 'order.created.v1',
  cleanType: 'order.created.v1',
  maxInFlight: 10,
  policy: { maxDeliveries: 3, initialDelayMs: 1000, maxDelayMs: 30_000, multiplier: 2, timeoutMs: 5000 },
};

const storedHeaders = {
  'ce-specversion': '1.0',
  'ce-id': 'A1',
  'ce-source': 'myapp',
  'ce-type': 'kyma.myapp.order.created.v1',
  'ce-originaltype': 'order.created.v1',
  'content-type': 'application/json',
  'nats-msg-id': 'dedupe-key',
};

/** A fake of our message port that records what was done to it, in order. */
function fakeMessage(deliveryCount: number, calls: string[]): DeliveryMessage {
  return {
    subject: spec.subject,
    headers: storedHeaders,
    data: new TextEncoder().encode('{"x":1}'),
    deliveryCount,
    streamSequence: 42,
    storedAtMs: NOW - 100,
    ack: () => calls.push('ack'),
    nak: (delayMs) => calls.push(`nak ${delayMs}`),
    term: (reason) => calls.push(`term ${reason}`),
    working: () => calls.push('working'),
  };
}

interface Harness {
  deps: SettleDependencies;
  calls: string[];
  published: EventMessage[];
  posted: Array<{ url: string; request: SinkRequest }>;
  outcomes: string[];
  logs: () => Array<Record<string, unknown>>;
}

function harness(options: { publish?: () => Promise<void>; deadLetterSinkAnswer?: DeliveryResult } = {}): Harness {
  const calls: string[] = [];
  const published: EventMessage[] = [];
  const posted: Array<{ url: string; request: SinkRequest }> = [];
  const outcomes: string[] = [];
  let logText = '';
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  const deps: SettleDependencies = {
    deadLetters: {
      publish: async (message) => {
        calls.push('dead-letter publish');
        await (options.publish ?? (async () => undefined))();
        published.push(message);
        calls.push('dead-letter stored');
        return { stream: 'eventing-dead-letters', seq: 1, duplicate: false };
      },
    },
    sinks: {
      post: async (url, request) => {
        posted.push({ url, request });
        calls.push('dead-letter sink post');
        await new Promise((r) => setTimeout(r, 5));
        calls.push('dead-letter sink answered');
        return options.deadLetterSinkAnswer ?? { kind: 'response', status: 202 };
      },
    },
    metrics: { recordOutcome: (outcome) => outcomes.push(outcome) },
    logger: createLogger({ name: 'test', level: 'info', destination }),
    now: () => NOW,
    random: () => 1,
  };
  const logs = () =>
    logText
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { deps, calls, published, posted, outcomes, logs };
}

const labels: DeliveryLabels = { subscriptionNamespace: 'shop', subscriptionName: 'orders', consumer: 'c0ffee', sink: spec.sink, eventType: 'order.created.v1' };
const event = toSinkEvent(storedHeaders, new TextEncoder().encode('{"x":1}'), 'kyma', () => new Date(NOW));

const attempt = (message: DeliveryMessage, result: DeliveryResult, s: DispatchSpec = spec) => ({ message, spec: s, event, result, labels });

describe('settleAttempt', () => {
  it('acks a 2xx answer and logs nothing at info level', async () => {
    const h = harness();
    await expect(settleAttempt(attempt(fakeMessage(1, h.calls), { kind: 'response', status: 200 }), h.deps)).resolves.toBe('delivered');
    expect(h.calls).toEqual(['ack']);
    expect(h.outcomes).toEqual(['delivered']);
    expect(h.logs()).toEqual([]);
  });

  it('when the sink answers 503, the event is redelivered after the backoff, with one log line', async () => {
    const h = harness();
    await expect(settleAttempt(attempt(fakeMessage(1, h.calls), { kind: 'response', status: 503 }), h.deps)).resolves.toBe('retried');
    expect(h.calls).toEqual(['nak 1000']);
    expect(h.outcomes).toEqual(['retried']);
    expect(h.logs()).toEqual([expect.objectContaining({ msg: 'delivery failed, will retry', consumer: 'c0ffee', eventId: 'A1', attempt: 1, retryInMs: 1000 })]);
  });

  it('uses the delivery count as the attempt number (second attempt backs off twice as long)', async () => {
    const h = harness();
    await settleAttempt(attempt(fakeMessage(2, h.calls), { kind: 'timeout' }), h.deps);
    expect(h.calls).toEqual(['nak 2000']);
  });

  it('when the sink answers 400, the event is dead-lettered at once: stored first, then terminated', async () => {
    const h = harness();
    await expect(settleAttempt(attempt(fakeMessage(1, h.calls), { kind: 'response', status: 400 }), h.deps)).resolves.toBe('dead_lettered');
    expect(h.calls).toEqual(['working', 'dead-letter publish', 'dead-letter stored', 'term sink answered 400']);
    expect(h.published).toHaveLength(1);
    const [stored] = h.published;
    expect(stored!.subject).toBe('eventing.deadletter.c0ffee');
    expect(stored!.msgId).toBe('c0ffee.42');
    expect(new TextDecoder().decode(stored!.data)).toBe('{"x":1}');
    expect(stored!.headers).toEqual({
      'ce-specversion': '1.0',
      'ce-id': 'A1',
      'ce-source': 'myapp',
      'ce-type': 'kyma.myapp.order.created.v1',
      'ce-originaltype': 'order.created.v1',
      'content-type': 'application/json',
      [DEAD_LETTER_HEADERS.reason]: 'sink answered 400',
      [DEAD_LETTER_HEADERS.attempts]: '1',
      [DEAD_LETTER_HEADERS.lastStatus]: '400',
      [DEAD_LETTER_HEADERS.subscription]: 'shop/orders',
      [DEAD_LETTER_HEADERS.consumer]: 'c0ffee',
      [DEAD_LETTER_HEADERS.sink]: spec.sink,
      [DEAD_LETTER_HEADERS.time]: '2026-12-03T10:00:00.000Z',
      [DEAD_LETTER_HEADERS.subject]: spec.subject,
    });
    expect(h.outcomes).toEqual(['dead_lettered']);
    expect(h.logs()).toEqual([expect.objectContaining({ msg: 'event dead-lettered', reason: 'sink answered 400' })]);
  });

  it('dead-letters a retryable failure once the retry budget is spent, with the last failure as reason', async () => {
    const h = harness();
    await settleAttempt(attempt(fakeMessage(3, h.calls), { kind: 'network-error', message: 'connect ECONNREFUSED' }), h.deps);
    expect(h.calls.at(-1)).toBe('term retries exhausted after 3 attempts: network error: connect ECONNREFUSED');
    expect(h.published[0]!.headers[DEAD_LETTER_HEADERS.lastStatus]).toBe('network-error');
  });

  it('never drops an event: when the dead letter cannot be stored, it is redelivered later', async () => {
    const h = harness({ publish: async () => Promise.reject(new PublishError(502, 'no connection to NATS JetStream server')) });
    await expect(settleAttempt(attempt(fakeMessage(1, h.calls), { kind: 'response', status: 422 }), h.deps)).resolves.toBe('dead_letter_failed');
    expect(h.calls).toEqual(['working', 'dead-letter publish', 'nak 1000']);
    expect(h.outcomes).toEqual(['dead_letter_failed']);
    expect(h.logs()).toEqual([expect.objectContaining({ level: 'error', msg: 'dead-letter write failed, will retry' })]);
  });

  it('also POSTs a dead letter to the dead-letter sink, without waiting for it', async () => {
    const h = harness();
    const withSink = { ...spec, policy: { ...spec.policy, deadLetterSink: 'http://dlq.shop.svc.cluster.local/' } };
    await settleAttempt(attempt(fakeMessage(1, h.calls), { kind: 'response', status: 410 }, withSink), h.deps);
    expect(h.calls).toEqual(['working', 'dead-letter publish', 'dead-letter stored', 'dead-letter sink post', 'term sink answered 410']);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.calls.at(-1)).toBe('dead-letter sink answered');
    expect(h.posted).toEqual([
      {
        url: 'http://dlq.shop.svc.cluster.local/',
        request: {
          headers: { ...event.request.headers, [DEAD_LETTER_EXTENSIONS.reason]: 'sink answered 410', [DEAD_LETTER_EXTENSIONS.attempts]: '1' },
          body: event.request.body,
        },
      },
    ]);
  });

  it('only logs a failing dead-letter sink; the event is already safe in the dead-letter store', async () => {
    const h = harness({ deadLetterSinkAnswer: { kind: 'response', status: 500 } });
    const withSink = { ...spec, policy: { ...spec.policy, deadLetterSink: 'http://dlq.shop.svc.cluster.local/' } };
    await settleAttempt(attempt(fakeMessage(1, h.calls), { kind: 'response', status: 400 }, withSink), h.deps);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.calls).toContain('term sink answered 400');
    expect(h.logs().map((l) => l['msg'])).toEqual(['event dead-lettered', 'dead-letter sink did not accept the event']);
  });
});
