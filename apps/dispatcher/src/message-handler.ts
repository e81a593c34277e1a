// One message, start to end: map to binary mode, POST, record, settle (SPEC section 5).
import type { DispatchSpec } from '@eventing/jetstream';
import { toSinkEvent, type SinkClient } from './deliver';
import type { DeliveryMessage } from './delivery-message';
import { TRANSPORT_ERROR_CODE, type DeliveryLabels, type DispatcherMetrics } from './metrics';
import { settleAttempt, type SettleDependencies } from './settle';

export interface MessageHandlerDependencies extends SettleDependencies {
  readonly sinks: SinkClient;
  readonly metrics: DispatcherMetrics;
  readonly subjectPrefix: string;
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
    const started = performance.now();
    const result = await deps.sinks.post(spec.sink, event.request, requestTimeoutMs(spec.policy.timeoutMs, ackWaitMs));
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.recordDispatch(labels, result.kind === 'response' ? result.status : TRANSPORT_ERROR_CODE, seconds);
    const outcome = await settleAttempt({ message, spec, event, result, labels }, deps);
    if (outcome === 'delivered') deps.metrics.recordDeliveryLatency((deps.now() - message.storedAtMs) / 1000);
  };
}
