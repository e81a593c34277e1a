// The generated CRD on a real kube-apiserver (SPEC section 3 and 8): it is accepted (schema and
// CEL rules compile), Kyma manifests apply unchanged and get Kyma's defaults, and only what the
// controller would certainly reject is refused at once.
import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  PatchStrategy,
  loadYaml,
  setHeaderOptions,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { createTestNamespace, testKubeConfig, type TestNamespace } from '@eventing/testing';
import { generateSubscriptionCrd } from './crd';
import { SUBSCRIPTION_CRD_NAME, SUBSCRIPTION_GROUP, SUBSCRIPTION_PLURAL, SUBSCRIPTION_VERSION, type Subscription } from './types';

// loadYaml maps JSON names (`x-kubernetes-validations`, `default`, `enum`) to the client's model
// names; a plain parsed object would lose them silently in the client's serializer.
const crd = loadYaml<V1CustomResourceDefinition>(generateSubscriptionCrd());
const api = { group: SUBSCRIPTION_GROUP, version: SUBSCRIPTION_VERSION, plural: SUBSCRIPTION_PLURAL };

/** Create or replace: the API server is shared by the run, other test files may install the CRD too. */
async function applyCrd(ext: ApiextensionsV1Api): Promise<void> {
  try {
    await ext.createCustomResourceDefinition({ body: crd });
  } catch (err) {
    if ((err as { code?: number }).code !== 409) throw err;
    const current = await ext.readCustomResourceDefinition({ name: SUBSCRIPTION_CRD_NAME });
    await ext.replaceCustomResourceDefinition({
      name: SUBSCRIPTION_CRD_NAME,
      body: { ...crd, metadata: { ...crd.metadata, resourceVersion: current.metadata!.resourceVersion! } },
    });
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const current = await ext.readCustomResourceDefinition({ name: SUBSCRIPTION_CRD_NAME });
    if (current.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    if (Date.now() > deadline) throw new Error(`CRD not Established: ${JSON.stringify(current.status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the Subscription CRD on a real kube-apiserver', () => {
  let kc: KubeConfig;
  let custom: CustomObjectsApi;
  let ns: TestNamespace;
  let counter = 0;

  const manifest = (spec: Record<string, unknown>) => ({
    apiVersion: `${SUBSCRIPTION_GROUP}/${SUBSCRIPTION_VERSION}`,
    kind: 'Subscription',
    metadata: { name: `sub-${++counter}` },
    spec: { sink: `http://my-svc.${ns.name}.svc.cluster.local`, source: 'myapp', types: ['order.created.v1'], ...spec },
  });
  const create = async (spec: Record<string, unknown>) =>
    (await custom.createNamespacedCustomObject({ ...api, namespace: ns.name, body: manifest(spec) })) as Subscription;
  const rejection = async (spec: Record<string, unknown>): Promise<string> => {
    try {
      await create(spec);
    } catch (err) {
      const e = err as { code?: number; body?: string };
      expect(e.code).toBe(422);
      return String(e.body);
    }
    throw new Error('accepted');
  };

  beforeAll(async () => {
    kc = testKubeConfig();
    await applyCrd(kc.makeApiClient(ApiextensionsV1Api));
    custom = kc.makeApiClient(CustomObjectsApi);
    ns = await createTestNamespace(kc, 'subscription-crd');
  });

  afterAll(async () => {
    await ns?.delete();
  });

  it('applies a Kyma manifest unchanged and fills in Kyma\'s defaults', async () => {
    const created = await create({});
    expect(created.spec).toEqual({
      sink: `http://my-svc.${ns.name}.svc.cluster.local`,
      source: 'myapp',
      types: ['order.created.v1'],
      typeMatching: 'standard',
      config: { maxInFlightMessages: '10' },
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['an exact subscription with an empty source and EventMesh config keys', { typeMatching: 'exact', source: '', types: ['sap.kyma.custom.app.order.created.v1'], config: { maxInFlightMessages: '5', qos: 'AT_LEAST_ONCE' } }],
    ['a sink in another namespace (the controller reports it in status)', { sink: 'http://svc.other.svc.cluster.local' }],
    ['an empty standard source (the controller reports it in status)', { source: '' }],
    ['an invalid maxInFlightMessages (the controller reports it in status)', { config: { maxInFlightMessages: 'many' } }],
    ['a full delivery policy', { delivery: { maxDeliveries: 5, backoff: { initialDelay: '500ms', maxDelay: '1m', multiplier: 1.5 }, timeout: '29s', deadLetterSink: 'http://dlq.x.svc.cluster.local' } }],
  ])('accepts %s', async (_name, spec) => {
    await expect(create(spec)).resolves.toBeDefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a sink without http(s) scheme', { sink: 'test' }, "must have URL scheme 'http' or 'https'"],
    ['an unknown typeMatching', { typeMatching: 'fuzzy' }, 'spec.typeMatching'],
    ['an empty type list', { types: [] }, 'spec.types'],
    ['more than 100 types', { types: Array.from({ length: 101 }, (_, i) => `t.${i}`) }, 'spec.types'],
    ['maxDeliveries 0', { delivery: { maxDeliveries: 0 } }, 'spec.delivery.maxDeliveries'],
    ['a timeout at the ack wait', { delivery: { timeout: '30s' } }, "must be less than 30s (the consumer's ack wait)"],
    ['a malformed duration', { delivery: { backoff: { initialDelay: 'soon' } } }, 'spec.delivery.backoff.initialDelay'],
    ['maxDelay below initialDelay', { delivery: { backoff: { initialDelay: '10s', maxDelay: '1s' } } }, 'maxDelay must not be less than initialDelay'],
    ['a dead-letter sink without http(s) scheme', { delivery: { deadLetterSink: 'nats://x' } }, "must have URL scheme 'http' or 'https'"],
  ])('rejects %s at once', async (_name, spec, text) => {
    expect(await rejection(spec)).toContain(text);
  });

  it('stores our status fields through the status subresource', async () => {
    const created = await create({});
    const status = {
      ready: true,
      types: [{ originalType: 'order.created.v1', cleanType: 'order.created.v1' }],
      backend: { types: [{ originalType: 'order.created.v1', consumerName: 'abc' }] },
      conditions: [{ type: 'Subscription active', status: 'True', reason: 'NATS Subscription active', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' }],
      observedGeneration: 1,
      delivery: { pending: 3, deadLettered: 1, lastError: 'sink answered 503', lastErrorTime: '2026-01-01T00:00:00Z' },
    };
    const patched = (await custom.patchNamespacedCustomObjectStatus(
      { ...api, namespace: ns.name, name: created.metadata.name, body: { status } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Subscription;
    expect(patched.status).toEqual(status);
  });
});
