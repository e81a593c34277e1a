import { parse } from 'yaml';
import { generateSubscriptionCrd, subscriptionCrd } from './crd';

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const crd = parse(generateSubscriptionCrd()) as Node;
const version = crd.spec.versions[0] as Node;
const root = version.schema.openAPIV3Schema as Node;
const spec = root.properties.spec as Node;
const status = root.properties.status as Node;

describe('generateSubscriptionCrd (reference 3.1–3.3)', () => {
  it('identifies the Kyma Subscription API', () => {
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd.metadata.name).toBe('subscriptions.eventing.kyma-project.io');
    expect(crd.spec.group).toBe('eventing.kyma-project.io');
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names).toEqual({
      categories: ['kyma-eventing'],
      kind: 'Subscription',
      listKind: 'SubscriptionList',
      plural: 'subscriptions',
      singular: 'subscription',
    });
    expect(crd.spec.versions).toHaveLength(1);
    expect(version).toMatchObject({ name: 'v1alpha2', served: true, storage: true, subresources: { status: {} } });
  });

  it('has Ready and Age printer columns like Kyma, plus helpful ones', () => {
    const columns = version.additionalPrinterColumns as Node[];
    expect(columns[0]).toEqual({ name: 'Ready', type: 'string', jsonPath: '.status.ready' });
    expect(columns.at(-1)).toEqual({ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' });
    expect(columns.map((c) => c.name)).toEqual(['Ready', 'Source', 'Type-Matching', 'Sink', 'Types', 'Age']);
  });

  it('defaults typeMatching and config as Kyma does', () => {
    expect(spec.required).toEqual(['sink', 'source', 'types']);
    expect(spec.properties.typeMatching.default).toBe('standard');
    expect(spec.properties.config.default).toEqual({ maxInFlightMessages: '10' });
  });

  it('rejects at once only what the controller would certainly reject', () => {
    expect(spec.properties.typeMatching.enum).toEqual(['standard', 'exact']);
    expect(spec.properties.types).toMatchObject({ minItems: 1, maxItems: 100 });
    expect(spec.properties.sink['x-kubernetes-validations']).toEqual([
      { rule: "self.startsWith('http://') || self.startsWith('https://')", message: "must have URL scheme 'http' or 'https'" },
    ]);
    expect(spec.properties.delivery.properties.maxDeliveries.minimum).toBe(1);
    expect(spec.properties.delivery.properties.timeout['x-kubernetes-validations'][0].rule).toBe("duration(self) < duration('30s')");
  });

  it('describes our extension fields in spec and status', () => {
    expect(Object.keys(spec.properties.delivery.properties)).toEqual(['maxDeliveries', 'backoff', 'timeout', 'deadLetterSink']);
    expect(Object.keys(spec.properties.delivery.properties.backoff.properties)).toEqual(['initialDelay', 'maxDelay', 'multiplier']);
    expect(status.required).toEqual(['ready', 'types']);
    expect(Object.keys(status.properties)).toEqual(expect.arrayContaining(['ready', 'types', 'conditions', 'backend', 'observedGeneration', 'delivery']));
  });

  it('is a structural schema: every node names its type', () => {
    const untyped: string[] = [];
    const walk = (node: Node, path: string) => {
      if (node.type === undefined) untyped.push(path);
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) walk(child, `${path}.${key}`);
      if (node.items) walk(node.items as Node, `${path}[]`);
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties as Node, `${path}{}`);
    };
    walk(root, '');
    expect(untyped).toEqual([]);
  });

  it('is deterministic', () => {
    expect(generateSubscriptionCrd()).toBe(generateSubscriptionCrd());
    expect(parse(generateSubscriptionCrd())).toEqual(subscriptionCrd());
  });
});
