// The small ports the reconciler depends on (ARCHITECTURE.md "the reconciler driven by tables"):
// the Kubernetes API or a folder of manifests behind SubscriptionStore, NATS behind
// JetStreamPort and SpecStore, the Service check behind ServiceLookup. Tests use fakes.
import type { ConsumerSpec, DispatchSpec, SubscriptionSummary } from '@eventing/jetstream';
import type { Subscription, SubscriptionStatus } from '@eventing/subscription-api';

export interface SubscriptionStore {
  /** Kubernetes keeps the finalizer; a folder of files has none (deleting the file is the deletion). */
  readonly usesFinalizers: boolean;
  /** The current object (defaults applied), or undefined when it no longer exists. */
  get(key: string): Promise<Subscription | undefined>;
  list(): Promise<Subscription[]>;
  updateFinalizers(subscription: Subscription, finalizers: readonly string[]): Promise<void>;
  /** Writes `status`; `subscription.status` is what was there before. */
  updateStatus(subscription: Subscription, status: SubscriptionStatus): Promise<void>;
}

/** What the reconciler compares of an existing consumer. */
export interface ObservedConsumer {
  readonly name: string;
  readonly description: string;
  readonly filterSubject: string;
  readonly deliverSubject: string;
  readonly deliverGroup: string;
  readonly maxAckPending: number;
}

export interface JetStreamPort {
  /** Makes sure the stream (and the KV buckets) exist; cheap after the first call until NATS reconnects. */
  ensureStream(): Promise<void>;
  getConsumer(name: string): Promise<ObservedConsumer | undefined>;
  createConsumer(spec: ConsumerSpec): Promise<void>;
  updateConsumer(spec: ConsumerSpec): Promise<void>;
  /** Already gone counts as deleted. */
  deleteConsumer(name: string): Promise<void>;
  /** Every consumer of the stream; used once, for orphan cleanup at start. */
  listConsumers(): Promise<ObservedConsumer[]>;
}

/** The dispatch specs (one per consumer) and subscription summaries the controller publishes in NATS KV. */
export interface SpecStore {
  /** The dispatch specs written for one Subscription, by consumer name. */
  specsOf(namespace: string, name: string): ReadonlyMap<string, DispatchSpec>;
  allSpecs(): ReadonlyMap<string, DispatchSpec>;
  putSpec(spec: DispatchSpec): Promise<void>;
  deleteSpec(consumer: string): Promise<void>;
  summaryOf(namespace: string, name: string): SubscriptionSummary | undefined;
  summaryKeys(): readonly string[];
  putSummary(summary: SubscriptionSummary): Promise<void>;
  deleteSummary(namespace: string, name: string): Promise<void>;
}

/** The sink-existence check of reference 3.4 (Kubernetes mode only). */
export interface ServiceLookup {
  exists(namespace: string, name: string): Promise<boolean>;
}
