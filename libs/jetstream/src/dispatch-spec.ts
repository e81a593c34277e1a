import type { DeliveryPolicy } from '@eventing/delivery-policy';

/**
 * What the controller tells the dispatchers about one consumer (SPEC section 4: "the dispatcher
 * learns what to deliver from what the controller writes into NATS"). Stored as JSON in the
 * KV bucket {@link DISPATCH_SPECS_BUCKET}, keyed by consumer name (ADR 0005).
 */
export interface DispatchSpec {
  readonly consumer: string;
  readonly stream: string;
  readonly subject: string;
  readonly deliverSubject: string;
  readonly deliverGroup: string;
  readonly subscription: { readonly namespace: string; readonly name: string };
  readonly sink: string;
  readonly typeMatching: 'standard' | 'exact';
  readonly source: string;
  readonly originalType: string;
  readonly cleanType: string;
  readonly maxInFlight: number;
  readonly policy: ResolvedDeliveryPolicy;
}

/** The delivery policy with every default applied, in milliseconds (`@eventing/delivery-policy`). */
export type ResolvedDeliveryPolicy = DeliveryPolicy;

/** What the proxy needs to answer `/{app}/v1/events/subscribed` (reference 2.6), per Subscription. */
export interface SubscriptionSummary {
  readonly namespace: string;
  readonly name: string;
  readonly source: string;
  readonly types: readonly string[];
  readonly typeMatching: 'standard' | 'exact';
}

export const DISPATCH_SPECS_BUCKET = 'eventing-dispatch-specs';
export const SUBSCRIPTIONS_BUCKET = 'eventing-subscriptions';

export function subscriptionKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
