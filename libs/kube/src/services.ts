// Service lookups, for the controller's sink-existence check (reference 3.4).
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { orUndefined } from './errors';

export interface ServiceClient {
  /** Whether the Service exists; API errors other than not found are thrown. */
  exists(namespace: string, name: string): Promise<boolean>;
}

export function createServiceClient(kc: KubeConfig): ServiceClient {
  const core = kc.makeApiClient(CoreV1Api);
  return {
    async exists(namespace, name) {
      const service = await orUndefined(() => core.readNamespacedService({ namespace, name }), `get service ${namespace}/${name}`);
      return service !== undefined;
    },
  };
}
