// The finalizer `eventing.kyma-project.io` (reference 3.1, 4.4 steps 2–3).
import { SUBSCRIPTION_FINALIZER, type Subscription } from '@eventing/subscription-api';

export function hasFinalizer(subscription: Subscription): boolean {
  return subscription.metadata.finalizers?.includes(SUBSCRIPTION_FINALIZER) ?? false;
}

export function withFinalizer(subscription: Subscription): string[] {
  return [...(subscription.metadata.finalizers ?? []), SUBSCRIPTION_FINALIZER];
}

export function withoutFinalizer(subscription: Subscription): string[] {
  return (subscription.metadata.finalizers ?? []).filter((f) => f !== SUBSCRIPTION_FINALIZER);
}

export function isDeleting(subscription: Subscription): boolean {
  return subscription.metadata.deletionTimestamp !== undefined;
}
