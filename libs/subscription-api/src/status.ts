// Status helpers (reference 3.3, 3.4 "Effect of a validation failure", 4.4 steps 2, 5 and 7).
// Pure: the controller passes `now` and the previous status and writes the result only when
// `statusEqual` says it changed.
import { cleanSubscriptionType } from '@eventing/event-type';
import {
  TYPE_MATCHING,
  type BackendType,
  type DeliveryStatus,
  type StatusType,
  type SubscriptionCondition,
  type SubscriptionSpec,
  type SubscriptionStatus,
} from './types';

export const CONDITION_TYPES = {
  subscribed: 'Subscribed',
  subscriptionActive: 'Subscription active',
  subscriptionSpecValid: 'Subscription spec valid',
  apiRuleStatus: 'APIRule status',
  webhookCallStatus: 'Webhook call status',
  publisherProxyReady: 'Publisher Proxy Ready',
  subscriptionControllerReady: 'Subscription Controller Ready',
} as const;

/** The reasons written with the NATS backend (reference 3.3). */
export const CONDITION_REASONS = {
  specValid: 'Subscription spec has no validation errors',
  specInvalid: 'Subscription spec has validation errors',
  natsSubscriptionActive: 'NATS Subscription active',
  natsSubscriptionNotActive: 'NATS Subscription not active',
} as const;

/** Fields of our own that are carried over from the previous status unless given. */
export interface StatusExtras {
  readonly observedGeneration?: number;
  readonly delivery?: DeliveryStatus;
}

/** Kubernetes `metav1.Time` text: RFC 3339 in UTC with whole seconds. */
export function toKubernetesTime(now: Date | string): string {
  return typeof now === 'string' ? now : now.toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * `status.types` (reference 4.2): spec types de-duplicated in spec order; `cleanType` is the
 * JetStream-cleaned type for `standard`, the type itself for `exact`.
 */
export function computeStatusTypes(spec: Pick<SubscriptionSpec, 'types' | 'typeMatching'>): StatusType[] {
  const typeMatching = spec.typeMatching === TYPE_MATCHING.exact ? TYPE_MATCHING.exact : TYPE_MATCHING.standard;
  return [...new Set(spec.types ?? [])].map((originalType) => ({
    originalType,
    cleanType: cleanSubscriptionType(originalType, typeMatching),
  }));
}

/**
 * Reference 3.4: `ready=false`, `types=[]`, `backend={}`, every condition replaced by
 * `Subscription spec valid=False` carrying the validation message.
 */
export function statusForValidationFailure(
  message: string,
  now: Date | string,
  previous?: SubscriptionStatus,
  extras: StatusExtras = {},
): SubscriptionStatus {
  const condition = specValidCondition(false, message);
  return withExtras({ ready: false, types: [], backend: {}, conditions: setCondition([], condition, now, previous) }, previous, extras);
}

/** Backend sync succeeded: ready, spec valid and NATS subscription active. */
export function statusForActive(
  types: readonly StatusType[],
  backendTypes: readonly BackendType[],
  now: Date | string,
  previous?: SubscriptionStatus,
  extras: StatusExtras = {},
): SubscriptionStatus {
  let conditions = setCondition(previous?.conditions ?? [], specValidCondition(true), now, previous);
  conditions = setCondition(conditions, activeCondition(true), now, previous);
  return withExtras({ ready: true, types: [...types], backend: { types: [...backendTypes] }, conditions }, previous, extras);
}

/** Backend sync failed (reference 4.4 step 7): not ready, `Subscription active=False` with the error text. */
export function statusForNotActive(
  error: string,
  types: readonly StatusType[],
  backendTypes: readonly BackendType[],
  now: Date | string,
  previous?: SubscriptionStatus,
  extras: StatusExtras = {},
): SubscriptionStatus {
  let conditions = setCondition(previous?.conditions ?? [], specValidCondition(true), now, previous);
  conditions = setCondition(conditions, activeCondition(false, error), now, previous);
  return withExtras({ ready: false, types: [...types], backend: { types: [...backendTypes] }, conditions }, previous, extras);
}

/** Deleting the consumers failed (reference 4.4 step 2); everything else stays as it was. */
export function statusForDeletionFailure(error: string, now: Date | string, previous?: SubscriptionStatus): SubscriptionStatus {
  const message = `failed to delete JetStream subscription: ${error}`;
  const conditions = setCondition(previous?.conditions ?? [], activeCondition(false, message), now, previous);
  return withExtras({ ready: false, types: [...(previous?.types ?? [])], backend: previous?.backend ?? {}, conditions }, previous, {});
}

function specValidCondition(valid: boolean, message = ''): SubscriptionCondition {
  return {
    type: CONDITION_TYPES.subscriptionSpecValid,
    status: valid ? 'True' : 'False',
    reason: valid ? CONDITION_REASONS.specValid : CONDITION_REASONS.specInvalid,
    message,
  };
}

function activeCondition(active: boolean, message = ''): SubscriptionCondition {
  return {
    type: CONDITION_TYPES.subscriptionActive,
    status: active ? 'True' : 'False',
    reason: active ? CONDITION_REASONS.natsSubscriptionActive : CONDITION_REASONS.natsSubscriptionNotActive,
    message,
  };
}

/**
 * Replace the condition of the same type in place, or append it (reference 3.3). Its
 * `lastTransitionTime` is kept from the previous status when the condition's status did not
 * change, and is `now` otherwise.
 */
export function setCondition(
  conditions: readonly SubscriptionCondition[],
  next: SubscriptionCondition,
  now: Date | string,
  previous?: SubscriptionStatus,
): SubscriptionCondition[] {
  const before = previous?.conditions?.find((c) => c.type === next.type);
  const lastTransitionTime =
    before !== undefined && before.status === next.status && before.lastTransitionTime !== undefined
      ? before.lastTransitionTime
      : toKubernetesTime(now);
  const condition = { ...next, lastTransitionTime };
  const index = conditions.findIndex((c) => c.type === next.type);
  if (index < 0) return [...conditions, condition];
  return conditions.map((c, i) => (i === index ? condition : c));
}

function withExtras(status: SubscriptionStatus, previous: SubscriptionStatus | undefined, extras: StatusExtras): SubscriptionStatus {
  const observedGeneration = extras.observedGeneration ?? previous?.observedGeneration;
  const delivery = extras.delivery ?? previous?.delivery;
  return {
    ...status,
    ...(observedGeneration === undefined ? {} : { observedGeneration }),
    ...(delivery === undefined ? {} : { delivery }),
  };
}

/**
 * Equality for "write status only if it changed" (reference 4.4 step 7): conditions are compared
 * without `lastTransitionTime`; `undefined` members count as absent; an empty message equals none.
 */
export function statusEqual(a: SubscriptionStatus | undefined, b: SubscriptionStatus | undefined): boolean {
  return deepEqual(normalise(a), normalise(b));
}

function normalise(status: SubscriptionStatus | undefined): unknown {
  if (status === undefined) return undefined;
  return {
    ...status,
    conditions: (status.conditions ?? []).map(({ lastTransitionTime: _ignored, message, ...rest }) => ({
      ...rest,
      message: message ?? '',
    })),
  };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const keys = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined).map(([k]) => k).sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
