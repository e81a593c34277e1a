// The informer on a private API server with the watch cache off, so that a watch resumed from
// a compacted resourceVersion deterministically gets 410 Gone: it must re-list and go on.
import { CoreV1Api, KubeConfig, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { createCrdAndWait, createTestNamespace, startKubeTestEnv, waitFor, type KubeTestEnv } from '@eventing/testing';
import { generateSubscriptionCrd } from '@eventing/subscription-api';
import type { Logger } from '@eventing/platform';
import { createInformer, createSubscriptionClient, type CustomResourceClient } from './index';

describe('informer and 410 Gone', () => {
  let env: KubeTestEnv;
  let kc: KubeConfig;

  beforeAll(async () => {
    env = await startKubeTestEnv({ watchCache: false });
    kc = new KubeConfig();
    kc.loadFromFile(env.kubeconfigPath);
    await createCrdAndWait(kc, parse(generateSubscriptionCrd()) as V1CustomResourceDefinition);
  }, 180_000);

  afterAll(async () => {
    await env?.stop();
  }, 60_000);

  it('re-lists when its resourceVersion was compacted away, and keeps reporting changes', async () => {
    const ns = await createTestNamespace(kc, 'gone');
    const other = await createTestNamespace(kc, 'noise');
    const client = createSubscriptionClient(kc);
    let lists = 0;
    const counting: CustomResourceClient = { ...client, list: (namespace) => (lists++, client.list(namespace)) };
    // Short server-side timeouts: the watch is re-opened every second from the last version seen.
    const warnings: string[] = [];
    const logger = { warn: (_fields: unknown, message: string) => warnings.push(message), error: () => undefined } as unknown as Logger;
    const informer = createInformer({ kc, client: counting, namespace: ns.name, watchTimeoutSeconds: 1, logger });
    const keys: string[] = [];
    informer.onChange((c) => keys.push(`${c.kind} ${c.key}`));
    informer.start();
    try {
      await informer.synced();
      // Watches that end normally are re-opened from the last version, without a re-list.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(lists).toBe(1);
      // Writes elsewhere move etcd on; compaction then makes the informer's version too old.
      const core = kc.makeApiClient(CoreV1Api);
      for (let i = 0; i < 3; i++) await core.createNamespacedConfigMap({ namespace: other.name, body: { metadata: { name: `c${i}` } } });
      await env.etcd.compact();
      await waitFor(() => lists >= 2, 20_000, 're-list after 410');
      expect(warnings).toContain('watch expired, re-listing');
      await client.create(ns.name, {
        apiVersion: 'eventing.kyma-project.io/v1alpha2',
        kind: 'Subscription',
        metadata: { name: 'later', namespace: ns.name },
        spec: { sink: 'http://a.b.svc.cluster.local', source: 's', types: ['a.b.c'] },
      });
      await waitFor(() => keys.includes(`added ${ns.name}/later`), 20_000, 'change after the re-list');
    } finally {
      await informer.stop();
    }
  }, 60_000);
});
