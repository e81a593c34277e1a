import { ApiextensionsV1Api, CustomObjectsApi, type KubeConfig, type V1CustomResourceDefinition } from '@kubernetes/client-node';

const code = (err: unknown) => (err as { code?: number }).code;

/**
 * Creates a CRD (an existing one of the same name is kept: test files share the API server)
 * and waits until clients can use it: the Established condition, then a list of its resources
 * answered. Right after Established the resource's watch cache may still be starting, and the
 * API server answers 429 "storage is (re)initializing" — a real cluster does the same, so
 * production clients must retry on 429; tests just wait here.
 */
export async function createCrdAndWait(kc: KubeConfig, crd: V1CustomResourceDefinition, timeoutMs = 30_000): Promise<void> {
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const name = crd.metadata?.name;
  const version = crd.spec.versions.find((v) => v.served)?.name;
  if (!name || !version) throw new Error('the CRD needs metadata.name and a served version');
  await ext.createCustomResourceDefinition({ body: crd }).catch((err: unknown) => {
    if (code(err) !== 409) throw err;
  });
  const deadline = Date.now() + timeoutMs;
  const pause = () => new Promise((r) => setTimeout(r, 100));
  for (;;) {
    const current = await ext.readCustomResourceDefinition({ name });
    if (current.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
    if (Date.now() > deadline) throw new Error(`CRD ${name} not Established after ${timeoutMs} ms: ${JSON.stringify(current.status)}`);
    await pause();
  }
  const { group, names } = crd.spec;
  for (;;) {
    try {
      await custom.listClusterCustomObject({ group, version, plural: names.plural, limit: 1 });
      return;
    } catch (err) {
      if (code(err) !== 429 || Date.now() > deadline) throw err;
      await pause();
    }
  }
}
