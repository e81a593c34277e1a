// The Subscription resource (reference 3.1) over the generic custom-resource client and informer.
import { KubeConfig } from '@kubernetes/client-node';
import { SUBSCRIPTION_GROUP, SUBSCRIPTION_PLURAL, SUBSCRIPTION_VERSION } from '@eventing/subscription-api';
import type { Logger } from '@eventing/platform';
import { createCustomResourceClient, type CustomResourceClient } from './custom-resources';
import { createInformer, type Informer } from './informer';
import type { ResourceType } from './objects';

export const SUBSCRIPTION_RESOURCE: ResourceType = {
  group: SUBSCRIPTION_GROUP,
  version: SUBSCRIPTION_VERSION,
  plural: SUBSCRIPTION_PLURAL,
};

export function createSubscriptionClient(kc: KubeConfig): CustomResourceClient {
  return createCustomResourceClient(kc, SUBSCRIPTION_RESOURCE);
}

export interface SubscriptionWatchOptions {
  readonly namespace?: string;
  readonly logger?: Logger;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly watchTimeoutSeconds?: number;
}

/** An informer over Subscriptions in all namespaces (or one): list, watch, re-list on 410 or error. */
export function watchSubscriptions(kc: KubeConfig, options: SubscriptionWatchOptions = {}): Informer {
  return createInformer({ kc, client: createSubscriptionClient(kc), ...options });
}

/**
 * The KubeConfig the process runs with: in-cluster service account, `KUBECONFIG` or
 * ~/.kube/config, as client-node's loadFromDefault resolves them.
 */
export function loadKubeConfig(path?: string): KubeConfig {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromDefault();
  return kc;
}
