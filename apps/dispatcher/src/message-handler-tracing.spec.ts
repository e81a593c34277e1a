import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import type { DispatchSpec } from '@eventing/jetstream';
import { createLogger, startTracing } from '@eventing/platform';
import type { DeliveryResult } from '@eventing/delivery-policy';
import type { DeliveryMessage } from './delivery-message';
import { createMessageHandler } from './message-handler';

const PRODUCER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const PRODUCER_SPAN = 'b7ad6b7169203331';

describe('dispatcher tracing (SPEC section 7)', () => {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ exporter: 'none', serviceName: 'dispatcher' }, exporter);
  afterAll(() => tracing.shutdown());

  const spec = {
    consumer: 'c1',
    subject: 'kyma.app.order.created.v1',
    subscription: { namespace: 'ns', name: 'orders' },
    sink: 'http://sink.ns.svc.cluster.local/',
    policy: { maxDeliveries: 3, initialDelayMs: 10, maxDelayMs: 100, multiplier: 2, timeoutMs: 1000 },
  } as DispatchSpec;

  const attempt = async (deliveryCount: number, answer: DeliveryResult) => {
    const sent: Array<Record<string, string>> = [];
    const handle = createMessageHandler({
      tracing,
      sinks: { post: async (_sink, request) => (sent.push({ ...request.headers }), answer), close: async () => undefined },
      metrics: { registry: undefined as never, recordDispatch: () => undefined, recordOutcome: () => undefined, recordDeliveryLatency: () => undefined, addInFlight: () => undefined },
      deadLetters: { publish: async () => ({ stream: 'dl', seq: 1, duplicate: false }) },
      subjectPrefix: 'kyma',
      logger: createLogger({ name: 'test', level: 'silent' }),
      now: () => Date.now(),
      random: () => 1,
    });
    const message: DeliveryMessage = {
      subject: spec.subject,
      headers: { 'ce-specversion': '1.0', 'ce-id': 'E1', 'ce-source': 'app', 'ce-type': 'kyma.app.order.created.v1', 'ce-traceparent': `00-${PRODUCER_TRACE}-${PRODUCER_SPAN}-01`, 'ce-b3traceid': 'b3' },
      data: new Uint8Array(),
      deliveryCount,
      streamSequence: 1,
      storedAtMs: Date.now(),
      ack: () => undefined,
      nak: () => undefined,
      term: () => undefined,
      working: () => undefined,
    };
    await handle(message, spec, 30_000);
    return sent[0]!;
  };

  it('makes a consumer span per attempt under the producer span and sends the client span as traceparent', async () => {
    exporter.reset();
    const first = await attempt(1, { kind: 'response', status: 503 });
    const second = await attempt(2, { kind: 'response', status: 200 });
    await tracing.forceFlush();
    const spans = exporter.getFinishedSpans();
    const consumers = spans.filter((s) => s.kind === SpanKind.CONSUMER);
    const clients = spans.filter((s) => s.kind === SpanKind.CLIENT);
    expect(consumers).toHaveLength(2);
    expect(clients).toHaveLength(2);
    for (const c of consumers) {
      expect(c.spanContext().traceId).toBe(PRODUCER_TRACE);
      expect(c.parentSpanContext?.spanId).toBe(PRODUCER_SPAN);
      expect(c.links[0]?.context.spanId).toBe(PRODUCER_SPAN);
    }
    expect(consumers.map((c) => c.attributes['eventing.delivery.attempt'])).toEqual([1, 2]);
    expect(consumers.map((c) => c.attributes['eventing.delivery.outcome'])).toEqual(['retried', 'delivered']);
    expect(first['traceparent']).toBe(`00-${PRODUCER_TRACE}-${clients[0]!.spanContext().spanId}-01`);
    expect(second['traceparent']).toBe(`00-${PRODUCER_TRACE}-${clients[1]!.spanContext().spanId}-01`);
    expect(first['X-B3-TraceId']).toBe('b3');
    expect(clients[0]!.parentSpanContext?.spanId).toBe(consumers[0]!.spanContext().spanId);
  });
});
