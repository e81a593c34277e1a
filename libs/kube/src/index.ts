// @eventing/kube: the adapter over @kubernetes/client-node (ARCHITECTURE.md): custom resources,
// Services, an informer that survives errors and 410 Gone, and Lease-based leader election.
// SDK errors are translated here once: not found → undefined, ConflictError, GoneError, KubeApiError.
export { KubeConfig } from '@kubernetes/client-node';
export { ConflictError, GoneError, KubeApiError, statusCodeOf, toKubeError } from './errors';
export { mergePatch, objectKey, resourcePath, splitObjectKey, type KubeObject, type ObjectMeta, type ResourceType } from './objects';
export { createCustomResourceClient, type CustomResourceClient, type ObjectList } from './custom-resources';
export { createServiceClient, type ServiceClient } from './services';
export {
  DEFAULT_INFORMER_INITIAL_BACKOFF_MS,
  DEFAULT_INFORMER_MAX_BACKOFF_MS,
  createInformer,
  type ChangeKind,
  type Informer,
  type InformerOptions,
  type ObjectChange,
} from './informer';
export {
  DEFAULT_LEASE_DURATION_MS,
  DEFAULT_RENEW_DEADLINE_MS,
  DEFAULT_RETRY_PERIOD_MS,
  createLeaderElector,
  type LeaderCallbacks,
  type LeaderElectionOptions,
  type LeaderElector,
} from './leader-election';
export {
  SUBSCRIPTION_RESOURCE,
  createSubscriptionClient,
  loadKubeConfig,
  watchSubscriptions,
  type SubscriptionWatchOptions,
} from './subscriptions';
