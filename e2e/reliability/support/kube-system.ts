// The system in Kubernetes mode: a private kube-apiserver + etcd (restartable without disturbing
// other test files), the Subscription CRD, a fresh namespace, and the built controller against it.
import { CustomObjectsApi, KubeConfig, loadYaml, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { createCrdAndWait, createTestNamespace, startKubeTestEnv, type KubeTestEnv } from '@eventing/testing';
import { SUBSCRIPTION_GROUP, SUBSCRIPTION_PLURAL, SUBSCRIPTION_VERSION, generateSubscriptionCrd, type Subscription } from '@eventing/subscription-api';
import { startSystem, type System, type SystemOptions } from './system';

export const SUBSCRIPTIONS_API = { group: SUBSCRIPTION_GROUP, version: SUBSCRIPTION_VERSION, plural: SUBSCRIPTION_PLURAL } as const;

export interface KubeSystem {
  readonly env: KubeTestEnv;
  readonly kc: KubeConfig;
  readonly custom: CustomObjectsApi;
  readonly namespace: string;
  readonly system: System;
  /** The Subscription as the API server has it (undefined when missing or the server is away). */
  read(name: string): Promise<Subscription | undefined>;
  stop(): Promise<void>;
}

export async function startKubeSystem(options: Omit<SystemOptions, 'kubeconfigPath' | 'namespace'> = {}): Promise<KubeSystem> {
  const env = await startKubeTestEnv();
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(env.kubeconfigPath);
    // loadYaml keeps the schema's defaults and CEL rules, which a plain object loses in the client.
    await createCrdAndWait(kc, loadYaml<V1CustomResourceDefinition>(generateSubscriptionCrd()));
    const { name: namespace } = await createTestNamespace(kc, 'reliability');
    const custom = kc.makeApiClient(CustomObjectsApi);
    const read = async (name: string) =>
      (await custom.getNamespacedCustomObject({ ...SUBSCRIPTIONS_API, namespace, name }).catch(() => undefined)) as Subscription | undefined;
    const system = await startSystem(
      { ...options, kubeconfigPath: env.kubeconfigPath, namespace },
      {
        apply: async (body) => {
          await custom.createNamespacedCustomObject({ ...SUBSCRIPTIONS_API, namespace, body });
        },
        read: async (name) => (await read(name))?.status,
      },
    );
    return {
      env,
      kc,
      custom,
      namespace,
      system,
      read,
      stop: async () => {
        await system.stop();
        await env.stop();
      },
    };
  } catch (err) {
    await env.stop();
    throw err;
  }
}
