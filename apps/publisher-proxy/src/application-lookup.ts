import { createCustomResourceClient, createInformer, type KubeConfig, type ResourceType } from '@eventing/kube';
import type { Logger } from '@eventing/platform';
import type { ApplicationLookup } from './event-routing';

/** Kyma's Application custom resource (cluster-scoped; reference 2.9). */
export const APPLICATION_RESOURCE: ResourceType = { group: 'applicationconnector.kyma-project.io', version: 'v1alpha1', plural: 'applications' };

/** How long the proxy waits for the first list of Applications before it serves anyway. */
export const APPLICATION_SYNC_TIMEOUT_MS = 10_000;

/**
 * Applications by exact name, from an informer cache (reference 2.9: `APPLICATION_CRD_ENABLED`).
 * Like Kyma's proxy it waits for the first list before serving, but not forever: without the
 * CRD the proxy serves with raw names and logs why.
 */
export async function watchApplications(kc: KubeConfig, logger: Logger, syncTimeoutMs = APPLICATION_SYNC_TIMEOUT_MS): Promise<ApplicationLookup & { stop(): Promise<void> }> {
  const informer = createInformer({ kc, client: createCustomResourceClient(kc, APPLICATION_RESOURCE), logger });
  informer.start();
  const synced = await Promise.race([informer.synced().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), syncTimeoutMs).unref())]);
  if (!synced) logger.warn({ resource: 'applications.applicationconnector.kyma-project.io' }, 'Applications not listed yet; serving with raw application names until they are');
  return {
    find(name) {
      const app = informer.get(name);
      return app ? { name: app.metadata.name, ...(app.metadata.labels ? { labels: app.metadata.labels } : {}) } : undefined;
    },
    stop: () => informer.stop(),
  };
}
