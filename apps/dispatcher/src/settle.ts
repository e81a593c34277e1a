// Applies the dispatcher's retry decision (ARCHITECTURE "Retry decisions live in three places"):
// `settle()` from @eventing/delivery-policy decides, this shell acks, naks or dead-letters.
import { backoffDelayMs, settle, type DeliveryResult, type Settlement } from '@eventing/delivery-policy';
import { DEAD_LETTER_HEADERS, deadLetterSubject, type DispatchSpec, type EventPublisher } from '@eventing/jetstream';
import type { Logger } from '@eventing/platform';
import type { SinkClient, SinkEvent } from './deliver';
import type { DeliveryMessage } from './delivery-message';
import { DELIVERY_OUTCOMES, type DeliveryLabels, type DeliveryOutcome, type DispatcherMetrics } from './metrics';

export interface SettleDependencies {
  /** Writes to the dead-letter stream; resolves only after JetStream acknowledged. */
  readonly deadLetters: Pick<EventPublisher, 'publish'>;
  /** For the optional dead-letter sink. */
  readonly sinks: Pick<SinkClient, 'post'>;
  readonly metrics: Pick<DispatcherMetrics, 'recordOutcome'>;
  readonly logger: Logger;
  readonly now: () => number;
  readonly random: () => number;
}

export interface AttemptOutcome {
  readonly message: DeliveryMessage;
  readonly spec: DispatchSpec;
  readonly event: SinkEvent;
  readonly result: DeliveryResult;
  readonly labels: DeliveryLabels;
}

/** CloudEvent extensions that tell a dead-letter sink why it got the event (Knative's `knativeerror*` idea). */
export const DEAD_LETTER_EXTENSIONS = { reason: 'ce-deadletterreason', attempts: 'ce-deadletterattempts' } as const;

/**
 * Decides and applies the outcome of one delivery attempt. The attempt number is the message's
 * delivery count. Never drops an event: a dead letter that cannot be stored is redelivered later.
 */
export async function settleAttempt(attempt: AttemptOutcome, deps: SettleDependencies): Promise<DeliveryOutcome> {
  const { message, spec, result } = attempt;
  const decision: Settlement = settle(result, message.deliveryCount, spec.policy, deps.random, deps.now());
  switch (decision.kind) {
    case 'ack':
      message.ack();
      deps.metrics.recordOutcome(DELIVERY_OUTCOMES.delivered, attempt.labels);
      return DELIVERY_OUTCOMES.delivered;
    case 'nak':
      message.nak(decision.delayMs);
      deps.metrics.recordOutcome(DELIVERY_OUTCOMES.retried, attempt.labels);
      deps.logger.warn(
        { ...logFields(attempt), result: describe(result), retryInMs: decision.delayMs },
        'delivery failed, will retry',
      );
      return DELIVERY_OUTCOMES.retried;
    case 'dead-letter':
      return deadLetter(attempt, decision.reason, deps);
  }
}

async function deadLetter(attempt: AttemptOutcome, reason: string, deps: SettleDependencies): Promise<DeliveryOutcome> {
  const { message, spec, result } = attempt;
  // Storing the dead letter may take a while; keep the ack-wait timer from redelivering meanwhile.
  message.working();
  try {
    await deps.deadLetters.publish({
      subject: deadLetterSubject(spec.consumer),
      headers: deadLetterHeaders(attempt, reason, deps.now()),
      data: message.data,
      // The same message dead-lettered twice (a redelivery racing us) is stored once.
      msgId: `${spec.consumer}.${message.streamSequence}`,
    });
  } catch (err) {
    const delayMs = backoffDelayMs(message.deliveryCount, spec.policy, deps.random);
    message.nak(delayMs);
    deps.metrics.recordOutcome(DELIVERY_OUTCOMES.deadLetterFailed, attempt.labels);
    deps.logger.error({ ...logFields(attempt), reason, err, retryInMs: delayMs }, 'dead-letter write failed, will retry');
    return DELIVERY_OUTCOMES.deadLetterFailed;
  }
  if (spec.policy.deadLetterSink !== undefined) notifyDeadLetterSink(attempt, spec.policy.deadLetterSink, reason, deps);
  message.term(reason);
  deps.metrics.recordOutcome(DELIVERY_OUTCOMES.deadLettered, attempt.labels);
  deps.logger.warn({ ...logFields(attempt), result: describe(result), reason }, 'event dead-lettered');
  return DELIVERY_OUTCOMES.deadLettered;
}

/** The stored event's own headers plus why and where it failed (DEAD_LETTER_HEADERS). */
function deadLetterHeaders(attempt: AttemptOutcome, reason: string, nowMs: number): Record<string, string> {
  const { message, spec, result } = attempt;
  const headers: Record<string, string> = {};
  for (const name in message.headers) {
    if (name.startsWith('ce-') || name === 'content-type') headers[name] = message.headers[name]!;
  }
  headers[DEAD_LETTER_HEADERS.reason] = reason;
  headers[DEAD_LETTER_HEADERS.attempts] = String(message.deliveryCount);
  headers[DEAD_LETTER_HEADERS.lastStatus] = lastStatus(result);
  headers[DEAD_LETTER_HEADERS.subscription] = `${spec.subscription.namespace}/${spec.subscription.name}`;
  headers[DEAD_LETTER_HEADERS.consumer] = spec.consumer;
  headers[DEAD_LETTER_HEADERS.sink] = spec.sink;
  headers[DEAD_LETTER_HEADERS.time] = new Date(nowMs).toISOString();
  headers[DEAD_LETTER_HEADERS.subject] = message.subject;
  return headers;
}

/** Best effort: the event is already safe in the dead-letter stream, so a failure is only logged. */
function notifyDeadLetterSink(attempt: AttemptOutcome, url: string, reason: string, deps: SettleDependencies): void {
  const request = {
    headers: {
      ...attempt.event.request.headers,
      [DEAD_LETTER_EXTENSIONS.reason]: reason,
      [DEAD_LETTER_EXTENSIONS.attempts]: String(attempt.message.deliveryCount),
    },
    body: attempt.event.request.body,
  };
  void deps.sinks.post(url, request, attempt.spec.policy.timeoutMs).then((result) => {
    if (result.kind !== 'response' || result.status < 200 || result.status >= 300) {
      deps.logger.warn({ ...logFields(attempt), deadLetterSink: url, result: describe(result) }, 'dead-letter sink did not accept the event');
    }
  });
}

export function lastStatus(result: DeliveryResult): string {
  return result.kind === 'response' ? String(result.status) : result.kind;
}

function describe(result: DeliveryResult): string {
  switch (result.kind) {
    case 'response':
      return `status ${result.status}`;
    case 'timeout':
      return 'timeout';
    case 'network-error':
      return `network error: ${result.message}`;
  }
}

function logFields(attempt: AttemptOutcome): Record<string, unknown> {
  const { message, spec } = attempt;
  return {
    subscription: `${spec.subscription.namespace}/${spec.subscription.name}`,
    consumer: spec.consumer,
    sink: spec.sink,
    eventId: message.headers['ce-id'],
    eventType: attempt.labels.eventType,
    attempt: message.deliveryCount,
    traceparent: message.headers['ce-traceparent'],
  };
}
