import type { Server } from 'node:http';
import { pino } from 'pino';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { SpanKind } from '@opentelemetry/api';
import type { EventMessage, EventPublisher, PublishResult } from '@eventing/jetstream';
import { closeServer, listen, startTracing, type Tracing } from '@eventing/platform';
import { waitFor } from '@eventing/testing';
import { createProxyMetrics } from './metrics';
import { composeProxyServer } from './proxy-app';

class RecordingPublisher implements EventPublisher {
  readonly messages: EventMessage[] = [];
  async publish(message: EventMessage): Promise<PublishResult> {
    this.messages.push(message);
    return { stream: 'sap', seq: 1, duplicate: false };
  }
}

describe('publisher proxy tracing (SPEC section 7)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let server: Server;
  let base: string;
  let publisher: RecordingPublisher;

  beforeAll(() => {
    tracing = startTracing({ exporter: 'none', serviceName: 'publisher-proxy' }, exporter);
  });
  afterAll(() => tracing.shutdown());

  beforeEach(async () => {
    exporter.reset();
    publisher = new RecordingPublisher();
    server = composeProxyServer(
      { maxRequestSizeBytes: 65536, eventTypePrefix: 'sap.kyma.custom', legacyNamespace: 'kyma', maxInFlightRequests: 10, requestTimeoutMs: 5000 },
      {
        publisher,
        catalog: { all: () => [] },
        applications: { find: () => undefined },
        metrics: createProxyMetrics('nats://test'),
        logger: pino({ level: 'silent' }),
        isReady: () => true,
        tracing,
      },
    );
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterEach(() => closeServer(server));

  it('continues the publisher\'s trace with a server span and a producer span whose context travels with the event', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const res = await fetch(`${base}/publish`, {
      method: 'POST',
      headers: { 'ce-specversion': '1.0', 'ce-id': 'T1', 'ce-source': 'app', 'ce-type': 'order.created.v1', traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    expect(res.status).toBe(204);
    await waitFor(async () => {
      await tracing.forceFlush();
      return exporter.getFinishedSpans().length >= 2;
    });
    const spans = exporter.getFinishedSpans();
    const serverSpan = spans.find((s) => s.kind === SpanKind.SERVER)!;
    const producer = spans.find((s) => s.kind === SpanKind.PRODUCER)!;
    expect(serverSpan.spanContext().traceId).toBe(traceId);
    expect(serverSpan.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(producer.parentSpanContext?.spanId).toBe(serverSpan.spanContext().spanId);
    expect(producer.attributes).toMatchObject({
      'messaging.system': 'nats',
      'messaging.destination.name': 'kyma.app.order.created.v1',
      'messaging.message.id': 'T1',
    });
    expect(publisher.messages[0]!.headers['ce-traceparent']).toBe(`00-${traceId}-${producer.spanContext().spanId}-01`);
  });
});
