// Pure planning (ARCHITECTURE.md "plan(desired, observed) is pure"): what a Subscription wants
// in JetStream and KV (reference 4.2, 4.3), and the actions that take the observed state there
// (reference 4.4 step 6, 4.7). No I/O: the reconciler gathers the observed state and applies the plan.
import { subscriptionSubject } from '@eventing/event-type';
import {
  consumerDescription,
  consumerName,
  deliverGroup,
  deliverSubject,
  type ConsumerSpec,
  type DeliverPolicyName,
  type DispatchSpec,
  type SubscriptionSummary,
} from '@eventing/jetstream';
import {
  TYPE_MATCHING,
  computeStatusTypes,
  maxInFlight,
  resolveDeliveryPolicy,
  type BackendType,
  type StatusType,
  type Subscription,
} from '@eventing/subscription-api';
import type { ObservedConsumer } from './ports';

export interface PlanSettings {
  readonly streamName: string;
  readonly subjectPrefix: string;
  readonly deliverPolicy: DeliverPolicyName;
  readonly defaultMaxInFlight: number;
}

/** Everything one Subscription wants, in spec order. */
export interface DesiredState {
  readonly types: StatusType[];
  readonly backendTypes: BackendType[];
  readonly consumers: ConsumerSpec[];
  readonly specs: DispatchSpec[];
  readonly summary: SubscriptionSummary;
}

export interface ObservedState {
  /** The existing consumers among the desired ones (absent or undefined: missing). */
  readonly consumers: ReadonlyMap<string, ObservedConsumer | undefined>;
  /** Consumer names known to belong to the Subscription (its dispatch specs and status.backend). */
  readonly owned: readonly string[];
  /** The dispatch specs written for the Subscription, by consumer name. */
  readonly specs: ReadonlyMap<string, DispatchSpec>;
  readonly summary?: SubscriptionSummary;
}

export interface Plan {
  readonly createConsumers: ConsumerSpec[];
  readonly updateConsumers: ConsumerSpec[];
  /** Consumers whose immutable fields differ: deleted, then created again. */
  readonly recreateConsumers: ConsumerSpec[];
  readonly deleteConsumers: string[];
  readonly putSpecs: DispatchSpec[];
  readonly deleteSpecs: string[];
  readonly putSummary?: SubscriptionSummary;
  readonly deleteSummary: boolean;
}

/**
 * The consumer's MaxAckPending: `maxInFlightMessages` (reference 4.3). Kyma passes 0 and negative
 * values through, which NATS reads as "server default" and "unlimited"; we clamp to at least 1 so a
 * typo cannot unbound the concurrent deliveries to a sink.
 */
export function maxAckPendingOf(subscription: Subscription, defaultMaxInFlight: number): number {
  return Math.max(1, maxInFlight(subscription.spec, defaultMaxInFlight));
}

function typeMatchingOf(subscription: Subscription): 'standard' | 'exact' {
  return subscription.spec.typeMatching === TYPE_MATCHING.exact ? TYPE_MATCHING.exact : TYPE_MATCHING.standard;
}

/** One durable push consumer and one dispatch spec per (Subscription, clean type) (reference 4.2, 4.3). */
export function desiredState(subscription: Subscription, settings: PlanSettings): DesiredState {
  const { namespace, name } = subscription.metadata;
  const typeMatching = typeMatchingOf(subscription);
  const source = subscription.spec.source ?? '';
  const types = computeStatusTypes(subscription.spec);
  const maxAckPending = maxAckPendingOf(subscription, settings.defaultMaxInFlight);
  const policy = resolveDeliveryPolicy(subscription.spec);
  const consumers: ConsumerSpec[] = [];
  const specs: DispatchSpec[] = [];
  const backendTypes: BackendType[] = [];
  const seen = new Set<string>();
  for (const { originalType, cleanType } of types) {
    const subject = subscriptionSubject({ subjectPrefix: settings.subjectPrefix, typeMatching, source, cleanType });
    const consumer = consumerName(namespace, name, subject);
    backendTypes.push({ originalType, consumerName: consumer });
    // Two spec types can clean to the same subject: one consumer serves both.
    if (seen.has(consumer)) continue;
    seen.add(consumer);
    const spec: ConsumerSpec = {
      name: consumer,
      description: consumerDescription(namespace, name, subject),
      filterSubject: subject,
      deliverSubject: deliverSubject(consumer),
      deliverGroup: deliverGroup(consumer),
      maxAckPending,
      deliverPolicy: settings.deliverPolicy,
    };
    consumers.push(spec);
    specs.push({
      consumer,
      stream: settings.streamName,
      subject,
      deliverSubject: spec.deliverSubject,
      deliverGroup: spec.deliverGroup,
      subscription: { namespace, name },
      sink: subscription.spec.sink,
      typeMatching,
      source,
      originalType,
      cleanType,
      maxInFlight: maxAckPending,
      policy,
    });
  }
  return { types, backendTypes, consumers, specs, summary: summaryOf(subscription) };
}

/** What the proxy needs for `/{app}/v1/events/subscribed` (reference 2.6); written valid or not. */
export function summaryOf(subscription: Subscription): SubscriptionSummary {
  return {
    namespace: subscription.metadata.namespace,
    name: subscription.metadata.name,
    source: subscription.spec.source ?? '',
    types: [...(subscription.spec.types ?? [])],
    typeMatching: typeMatchingOf(subscription),
  };
}

const emptyPlan = (): Plan => ({
  createConsumers: [],
  updateConsumers: [],
  recreateConsumers: [],
  deleteConsumers: [],
  putSpecs: [],
  deleteSpecs: [],
  deleteSummary: false,
});

/** Active Subscription: consumers and specs follow the spec; anything owned but no longer wanted goes. */
export function planSync(desired: DesiredState, observed: ObservedState): Plan {
  const plan = emptyPlan();
  const wanted = new Set(desired.consumers.map((c) => c.name));
  for (const spec of desired.consumers) {
    const existing = observed.consumers.get(spec.name);
    if (!existing) plan.createConsumers.push(spec);
    else if (existing.filterSubject !== spec.filterSubject || existing.deliverGroup !== spec.deliverGroup) plan.recreateConsumers.push(spec);
    else if (
      existing.maxAckPending !== spec.maxAckPending ||
      existing.description !== spec.description ||
      existing.deliverSubject !== spec.deliverSubject
    ) {
      plan.updateConsumers.push(spec);
    }
  }
  for (const name of new Set([...observed.owned, ...observed.specs.keys()])) {
    if (!wanted.has(name)) plan.deleteConsumers.push(name);
  }
  for (const spec of desired.specs) {
    if (!jsonEqual(observed.specs.get(spec.consumer), spec)) plan.putSpecs.push(spec);
  }
  for (const name of observed.specs.keys()) {
    if (!wanted.has(name)) plan.deleteSpecs.push(name);
  }
  return withSummary(plan, desired.summary, observed.summary);
}

/**
 * Sink Service missing (reference 3.4): delivery stops (the dispatch specs go) but the consumers
 * stay, so no event is lost while the Service is away.
 */
export function planPause(summary: SubscriptionSummary, observed: ObservedState): Plan {
  return withSummary({ ...emptyPlan(), deleteSpecs: [...observed.specs.keys()] }, summary, observed.summary);
}

/** Invalid spec: nothing is consumed or dispatched; the summary stays for the proxy. */
export function planInvalid(summary: SubscriptionSummary, observed: ObservedState): Plan {
  return withSummary(removeAll(observed), summary, observed.summary);
}

/** Subscription deleted (reference 4.7): every owned consumer, its specs and the summary go. */
export function planRemoval(observed: ObservedState): Plan {
  return { ...removeAll(observed), deleteSummary: observed.summary !== undefined };
}

function removeAll(observed: ObservedState): Plan {
  return {
    ...emptyPlan(),
    deleteConsumers: [...new Set([...observed.owned, ...observed.specs.keys()])],
    deleteSpecs: [...observed.specs.keys()],
  };
}

function withSummary(plan: Plan, desired: SubscriptionSummary, observed: SubscriptionSummary | undefined): Plan {
  return jsonEqual(desired, observed) ? plan : { ...plan, putSummary: desired };
}

export function isEmptyPlan(plan: Plan): boolean {
  return (
    plan.createConsumers.length + plan.updateConsumers.length + plan.recreateConsumers.length + plan.deleteConsumers.length +
      plan.putSpecs.length + plan.deleteSpecs.length === 0 &&
    plan.putSummary === undefined &&
    !plan.deleteSummary
  );
}

/** Structural equality of JSON values, independent of key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined).sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
