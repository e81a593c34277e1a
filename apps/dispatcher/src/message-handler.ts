// One message, start to end: map to binary mode, POST, record, settle (SPEC section 5).
import { SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';
import type { DispatchSpec } from '@eventing/jetstream';
import { extractContext, traceparentOf, type Tracing } from '@eventing/platform';
import { toSinkEvent, type SinkClient } from './deliver';
import type { DeliveryMessage } from './delivery-message';
import { TRANSPORT_ERROR_CODE, type DeliveryLabels, type DispatcherMetrics } from './metrics';
import { settleAttempt, type SettleDependencies } from './settle';

export interface MessageHandlerDependencies extends SettleDependencies {
  readonly sinks: SinkClient;
  readonly metrics: DispatcherMetrics;
  readonly subjectPrefix: string;
  /** OpenTelemetry; when disabled no span is made (SPEC section 7). */
  readonly tracing?: Tracing;
}

export type MessageHandler = (message: DeliveryMessage, spec: DispatchSpec, ackWaitMs: number) => Promise<void>;

/** Share of the consumer's ack wait a sink request may use at most; the rest is for settling. */
const ACK_WAIT_SHARE_FOR_REQUEST = 0.8;

/**
 * The request timeout: the policy's, but always below the consumer's ack wait, so JetStream does
 * not redeliver an event while the sink is still working on it (SPEC section 5).
 */
export function requestTimeoutMs(policyTimeoutMs: number, ackWaitMs: number): number {
  return Math.max(1, Math.min(policyTimeoutMs, Math.floor(ackWaitMs * ACK_WAIT_SHARE_FOR_REQUEST)));
}

export function createMessageHandler(deps: MessageHandlerDependencies): MessageHandler {
  const clock = () => new Date(deps.now());
  return async (message, spec, ackWaitMs) => {
    const event = toSinkEvent(message.headers, message.data, deps.subjectPrefix, clock);
    const labels: DeliveryLabels = {
      subscriptionNamespace: spec.subscription.namespace,
      subscriptionName: spec.subscription.name,
      consumer: spec.consumer,
      sink: spec.sink,
      eventType: event.eventType,
    };
    const spans = deps.tracing?.enabled ? startDeliverySpans(deps.tracing, message, spec) : undefined;
    // The sink's trace continues from this attempt's client span (W3C); B3 headers stay as sent.
    const request = spans ? { ...event.request, headers: { ...event.request.headers, traceparent: traceparentOf(spans.client) } } : event.request;
    const started = performance.now();
    const result = await deps.sinks.post(spec.sink, request, requestTimeoutMs(spec.policy.timeoutMs, ackWaitMs));
    const seconds = (performance.now() - started) / 1000;
    const code = result.kind === 'response' ? result.status : TRANSPORT_ERROR_CODE;
    deps.metrics.recordDispatch(labels, code, seconds);
    if (spans) endClientSpan(spans.client, result.kind === 'response' ? result.status : undefined, result.kind);
    const run = () => settleAttempt({ message, spec, event, result, labels }, deps);
    const outcome = spans ? await context.with(trace.setSpan(context.active(), spans.consumer), run) : await run();
    if (spans) {
      spans.consumer.setAttribute('eventing.delivery.outcome', outcome);
      if (outcome !== 'delivered') spans.consumer.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      spans.consumer.end();
    }
    if (outcome === 'delivered') deps.metrics.recordDeliveryLatency((deps.now() - message.storedAtMs) / 1000);
  };
}

/**
 * One consumer span per delivery attempt, child of (and linked to) the proxy's producer span
 * whose context travels in `ce-traceparent`, and a client span for the sink request
 * (SPEC section 7; messaging semantic conventions). Redeliveries are further attempts in the
 * same trace.
 */
function startDeliverySpans(tracing: Tracing, message: DeliveryMessage, spec: DispatchSpec): { consumer: Span; client: Span } {
  const parent = extractContext({ traceparent: message.headers['ce-traceparent'] });
  const producer = trace.getSpanContext(parent);
  const consumer = tracing.tracer.startSpan(
    `process ${spec.subject}`,
    {
      kind: SpanKind.CONSUMER,
      links: producer ? [{ context: producer }] : [],
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.destination.name': spec.subject,
        'messaging.consumer.group.name': spec.consumer,
        'messaging.message.id': message.headers['ce-id'] ?? '',
        'eventing.delivery.attempt': message.deliveryCount,
        'eventing.stream.wait_ms': Math.max(0, Date.now() - message.storedAtMs),
        'eventing.subscription': `${spec.subscription.namespace}/${spec.subscription.name}`,
      },
    },
    parent,
  );
  const client = tracing.tracer.startSpan(
    'POST',
    { kind: SpanKind.CLIENT, attributes: { 'http.request.method': 'POST', 'url.full': spec.sink, 'eventing.delivery.attempt': message.deliveryCount } },
    trace.setSpan(parent, consumer),
  );
  return { consumer, client };
}

function endClientSpan(span: Span, status: number | undefined, kind: string): void {
  if (status !== undefined) span.setAttribute('http.response.status_code', status);
  if (status === undefined || status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: status === undefined ? kind : `sink answered ${status}` });
  span.end();
}
