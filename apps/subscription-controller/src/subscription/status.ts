// Pure status computation (reference 3.3, 3.4, 4.4 step 7) through the named helpers of
// @eventing/subscription-api, with observedGeneration. The reconciler writes the result only
// when `statusEqual` says it changed.
import {
  statusForActive,
  statusForDeletionFailure,
  statusForNotActive,
  statusForValidationFailure,
  type BackendType,
  type StatusType,
  type Subscription,
  type SubscriptionStatus,
} from '@eventing/subscription-api';

export type SyncOutcome =
  /** Spec rules failed, or the sink Service is missing: the message is Kyma's text. */
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'synced' }
  | { readonly kind: 'syncFailed'; readonly error: string }
  | { readonly kind: 'deletionFailed'; readonly error: string };

export interface StatusInput {
  readonly subscription: Subscription;
  readonly types: readonly StatusType[];
  readonly backendTypes: readonly BackendType[];
  readonly outcome: SyncOutcome;
  readonly now: Date;
}

export function computeStatus(input: StatusInput): SubscriptionStatus {
  const { subscription, types, backendTypes, outcome, now } = input;
  const previous = subscription.status;
  const generation = subscription.metadata.generation;
  const extras = generation === undefined ? {} : { observedGeneration: generation };
  switch (outcome.kind) {
    case 'invalid':
      return statusForValidationFailure(outcome.message, now, previous, extras);
    case 'synced':
      return statusForActive(types, backendTypes, now, previous, extras);
    case 'syncFailed':
      return statusForNotActive(outcome.error, types, backendTypes, now, previous, extras);
    case 'deletionFailed':
      return statusForDeletionFailure(outcome.error, now, previous);
  }
}
