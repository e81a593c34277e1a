// The resolved, per-subscription delivery policy the dispatcher applies (SPEC sections 5 and 10).
// Kyma hard-codes MaxDeliver=100 and a constant 30 s NAK delay (reference 4.3, 4.5, 5 #3/#4);
// our defaults keep Kyma's delivery budget and use its 30 s as the backoff cap instead.

/** Everything in milliseconds; produced by `resolveDeliveryPolicy` in `@eventing/subscription-api`. */
export interface DeliveryPolicy {
  /** Total delivery attempts (JetStream MaxDeliver) before the event is dead-lettered. */
  readonly maxDeliveries: number;
  /** Backoff before the 2nd attempt; later attempts multiply it. */
  readonly initialDelayMs: number;
  /** Upper bound of the exponential backoff (not of an explicit Retry-After, see settle.ts). */
  readonly maxDelayMs: number;
  readonly multiplier: number;
  /** Per-request timeout towards the sink; always below the consumer's ack wait. */
  readonly timeoutMs: number;
  /** Optional URL that dead-lettered events are also POSTed to. */
  readonly deadLetterSink?: string;
}

/** Kyma's MaxDeliver (reference 4.3). */
export const DEFAULT_MAX_DELIVERIES = 100;
export const DEFAULT_INITIAL_DELAY_MS = 1_000;
/** Kyma's constant NAK delay becomes our cap (reference 4.5). */
export const DEFAULT_MAX_DELAY_MS = 30_000;
export const DEFAULT_MULTIPLIER = 2;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Consumer AckWait (reference 4.3); a sink request must finish before it, or JetStream redelivers concurrently. */
export const ACK_WAIT_MS = 30_000;

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = Object.freeze({
  maxDeliveries: DEFAULT_MAX_DELIVERIES,
  initialDelayMs: DEFAULT_INITIAL_DELAY_MS,
  maxDelayMs: DEFAULT_MAX_DELAY_MS,
  multiplier: DEFAULT_MULTIPLIER,
  timeoutMs: DEFAULT_TIMEOUT_MS,
});
