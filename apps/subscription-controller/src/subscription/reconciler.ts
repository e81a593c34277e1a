// The Subscription reconcile (reference 4.4), level-based: re-read the object, compute what it
// wants, observe JetStream and KV, apply a pure plan, compute the status and write it only
// when it changed. Depends on ports only (./ports), so tables with fakes drive it in tests.
import {
  sinkNotFoundMessage,
  sinkServiceRef,
  statusEqual,
  validateSubscription,
  type SinkPolicy,
  type Subscription,
  type SubscriptionStatus,
} from '@eventing/subscription-api';
import type { SubscriptionSummary } from '@eventing/jetstream';
import type { Logger } from '@eventing/platform';
import { hasFinalizer, isDeleting, withFinalizer, withoutFinalizer } from './finalizer';
import {
  desiredState,
  isEmptyPlan,
  planInvalid,
  planPause,
  planRemoval,
  planSync,
  summaryOf,
  type DesiredState,
  type ObservedState,
  type Plan,
  type PlanSettings,
} from './plan';
import type { JetStreamPort, ServiceLookup, SpecStore, SubscriptionStore } from './ports';
import { computeStatus, type SyncOutcome } from './status';

/** The three outcomes of ARCHITECTURE.md, plus terminal errors that wait for the object to change. */
export type ReconcileResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'requeueAfter'; readonly delayMs: number }
  | { readonly kind: 'error'; readonly error: Error }
  | { readonly kind: 'terminal'; readonly reason: string };

export const RECONCILE_OK: ReconcileResult = { kind: 'ok' };

/** What the reconciler reports to metrics (reference 4.9). */
export interface ReconcileObserver {
  consumerCreated(subscription: Subscription, cleanType: string, consumer: string): void;
  subscriptionStatus(subscription: Subscription, consumers: readonly string[], ready: boolean): void;
  subscriptionRemoved(namespace: string, name: string): void;
}

export interface ReconcilerSettings extends PlanSettings {
  readonly sinkPolicy: SinkPolicy;
  /** When the sink Service is missing, look again after this long (a Service is not watched). */
  readonly sinkRecheckMs: number;
}

export interface ReconcilerDeps {
  readonly store: SubscriptionStore;
  readonly jetstream: JetStreamPort;
  readonly specs: SpecStore;
  /** Absent in folder mode: there are no Services to look up. */
  readonly services?: ServiceLookup;
  readonly settings: ReconcilerSettings;
  readonly observer?: ReconcileObserver;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export interface Reconciler {
  reconcile(key: string): Promise<ReconcileResult>;
}

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const { store, jetstream, specs, settings } = deps;
  const now = deps.now ?? (() => new Date());

  const observe = async (namespace: string, name: string, desired: DesiredState | undefined, subscription?: Subscription): Promise<ObservedState> => {
    const owned = subscription?.status?.backend?.types?.map((t) => t.consumerName).filter((n) => n !== '') ?? [];
    const consumers = new Map<string, Awaited<ReturnType<JetStreamPort['getConsumer']>>>();
    for (const consumer of desired?.consumers ?? []) consumers.set(consumer.name, await jetstream.getConsumer(consumer.name));
    const summary = specs.summaryOf(namespace, name);
    return { consumers, owned, specs: specs.specsOf(namespace, name), ...(summary ? { summary } : {}) };
  };

  const apply = async (plan: Plan, subscription: Subscription | undefined, desired: DesiredState | undefined) => {
    if (isEmptyPlan(plan)) return;
    await jetstream.ensureStream();
    for (const name of plan.deleteSpecs) await specs.deleteSpec(name);
    for (const name of plan.deleteConsumers) await jetstream.deleteConsumer(name);
    for (const spec of plan.recreateConsumers) {
      await jetstream.deleteConsumer(spec.name);
      await jetstream.createConsumer(spec);
    }
    for (const spec of plan.createConsumers) {
      await jetstream.createConsumer(spec);
      const cleanType = desired?.specs.find((s) => s.consumer === spec.name)?.cleanType ?? '';
      if (subscription) deps.observer?.consumerCreated(subscription, cleanType, spec.name);
    }
    for (const spec of plan.updateConsumers) await jetstream.updateConsumer(spec);
    // Specs after consumers: a dispatcher never sees a spec whose consumer does not exist yet.
    for (const spec of plan.putSpecs) await specs.putSpec(spec);
    if (plan.putSummary) await specs.putSummary(plan.putSummary);
  };

  const remove = async (namespace: string, name: string, subscription?: Subscription) => {
    const desired = subscription ? desiredState(subscription, settings) : undefined;
    const observed = await observe(namespace, name, undefined, subscription);
    const plan = planRemoval({ ...observed, owned: [...observed.owned, ...(desired?.consumers.map((c) => c.name) ?? [])] });
    if (!isEmptyPlan(plan)) {
      await jetstream.ensureStream();
      for (const consumer of plan.deleteSpecs) await specs.deleteSpec(consumer);
      for (const consumer of plan.deleteConsumers) await jetstream.deleteConsumer(consumer);
      if (plan.deleteSummary) await specs.deleteSummary(namespace, name);
    }
    deps.observer?.subscriptionRemoved(namespace, name);
  };

  const writeStatus = async (subscription: Subscription, status: SubscriptionStatus) => {
    if (statusEqual(subscription.status, status)) return;
    await store.updateStatus(subscription, status);
  };

  const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

  const reconcileDeletion = async (subscription: Subscription): Promise<ReconcileResult> => {
    const { namespace, name } = subscription.metadata;
    if (!hasFinalizer(subscription)) return RECONCILE_OK;
    try {
      await remove(namespace, name, subscription);
    } catch (err) {
      const status = computeStatus({ subscription, types: [], backendTypes: [], outcome: { kind: 'deletionFailed', error: errorText(err) }, now: now() });
      await writeStatus(subscription, status);
      return { kind: 'error', error: asError(err) };
    }
    await store.updateFinalizers(subscription, withoutFinalizer(subscription));
    deps.logger?.info({ subscription: `${namespace}/${name}` }, 'subscription deleted, consumers removed');
    return RECONCILE_OK;
  };

  /** Spec invalid or sink missing: status says why (terminal), consumers follow the plan given. */
  const reconcileInvalid = async (subscription: Subscription, message: string, plan: (s: SubscriptionSummary, o: ObservedState) => Plan) => {
    const { namespace, name } = subscription.metadata;
    // Status first: it does not depend on NATS, which may be down (the plan is then retried).
    await writeStatus(subscription, computeStatus({ subscription, types: [], backendTypes: [], outcome: { kind: 'invalid', message }, now: now() }));
    deps.observer?.subscriptionStatus(subscription, [], false);
    await apply(plan(summaryOf(subscription), await observe(namespace, name, undefined, subscription)), subscription, undefined);
  };

  const reconcileActive = async (subscription: Subscription): Promise<ReconcileResult> => {
    const { namespace, name } = subscription.metadata;
    const desired = desiredState(subscription, settings);
    let outcome: SyncOutcome;
    let result: ReconcileResult;
    try {
      await jetstream.ensureStream();
      await apply(planSync(desired, await observe(namespace, name, desired, subscription)), subscription, desired);
      outcome = { kind: 'synced' };
      result = RECONCILE_OK;
    } catch (err) {
      outcome = { kind: 'syncFailed', error: errorText(err) };
      result = { kind: 'error', error: asError(err) };
    }
    await writeStatus(subscription, computeStatus({ subscription, types: desired.types, backendTypes: desired.backendTypes, outcome, now: now() }));
    deps.observer?.subscriptionStatus(subscription, desired.consumers.map((c) => c.name), outcome.kind === 'synced');
    return result;
  };

  return {
    async reconcile(key) {
      const subscription = await store.get(key);
      if (!subscription) {
        // Gone without our finalizer (a deleted file, or a finalizer removed by hand): clean up what it owned.
        const slash = key.indexOf('/');
        await remove(key.slice(0, slash), key.slice(slash + 1));
        return RECONCILE_OK;
      }
      if (store.usesFinalizers && isDeleting(subscription)) return reconcileDeletion(subscription);
      if (store.usesFinalizers && !hasFinalizer(subscription)) {
        // The update triggers the next reconcile (reference 4.4 step 3).
        await store.updateFinalizers(subscription, withFinalizer(subscription));
        return RECONCILE_OK;
      }
      const validation = validateSubscription(subscription, { sinkPolicy: settings.sinkPolicy });
      if (!validation.valid) {
        await reconcileInvalid(subscription, validation.message, planInvalid);
        return { kind: 'terminal', reason: validation.message };
      }
      const ref = deps.services ? sinkServiceRef(subscription.spec.sink) : undefined;
      if (ref && deps.services && !(await deps.services.exists(ref.namespace, ref.name))) {
        const message = sinkNotFoundMessage(ref);
        await reconcileInvalid(subscription, message, planPause);
        return { kind: 'requeueAfter', delayMs: settings.sinkRecheckMs };
      }
      return reconcileActive(subscription);
    },
  };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
