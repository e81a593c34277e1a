// Where Subscriptions come from (SPEC section 4: "Same reconciler, two sources").
import type { ServiceLookup, SubscriptionStore } from '../subscription/ports';

export interface SubscriptionSource {
  readonly store: SubscriptionStore;
  /** The sink-existence check, where there are Services to look up. */
  readonly services?: ServiceLookup;
  /** Starts following changes; every key that may need a reconcile is passed to `onKey`. */
  start(onKey: (key: string) => void): void;
  /** Resolves once the initial list is complete. */
  synced(): Promise<void>;
  hasSynced(): boolean;
  stop(): Promise<void>;
}
