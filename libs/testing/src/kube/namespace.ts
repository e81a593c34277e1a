import { randomBytes } from 'node:crypto';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';

export interface TestNamespace {
  readonly name: string;
  /**
   * Deletes the namespace. Without a controller-manager nothing empties it, so it stays
   * Terminating with its objects; names are random, so later tests never meet it.
   */
  delete(): Promise<void>;
}

/** Label on every namespace a test created, to find leftovers. */
export const TEST_NAMESPACE_LABEL = 'eventing.test/namespace';

/** Creates a fresh namespace `<prefix>-<random>` so each test starts from an empty one. */
export async function createTestNamespace(kc: KubeConfig, prefix = 'test'): Promise<TestNamespace> {
  const core = kc.makeApiClient(CoreV1Api);
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40).replace(/^-+|-+$/g, '') || 'test';
  const name = `${safePrefix}-${randomBytes(4).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name, labels: { [TEST_NAMESPACE_LABEL]: 'true' } } } });
  return {
    name,
    delete: async () => {
      await core.deleteNamespace({ name }).catch((err: unknown) => {
        if ((err as { code?: number }).code !== 404) throw err;
      });
    },
  };
}
