import { parse as parseYaml } from 'yaml';
import { SubscriptionParseError, parseSubscription } from './parse';

const kymaManifest = `
apiVersion: eventing.kyma-project.io/v1alpha2
kind: Subscription
metadata:
  name: my-sub
  namespace: tunas
spec:
  sink: http://my-svc.tunas.svc.cluster.local
  source: myapp
  types:
    - order.created.v1
`;

describe('parseSubscription', () => {
  it('parses a Kyma manifest and applies the CRD defaults', () => {
    expect(parseSubscription(parseYaml(kymaManifest))).toEqual({
      apiVersion: 'eventing.kyma-project.io/v1alpha2',
      kind: 'Subscription',
      metadata: { name: 'my-sub', namespace: 'tunas' },
      spec: {
        sink: 'http://my-svc.tunas.svc.cluster.local',
        source: 'myapp',
        types: ['order.created.v1'],
        typeMatching: 'standard',
        config: { maxInFlightMessages: '10' },
      },
    });
  });

  it('keeps our extension fields and drops unknown ones, as the API server prunes them', () => {
    const manifest = parseYaml(kymaManifest);
    manifest.spec.delivery = { maxDeliveries: 3, backoff: { initialDelay: '2s' }, extra: true };
    manifest.spec.unknown = 'x';
    const sub = parseSubscription(manifest);
    expect(sub.spec.delivery).toEqual({ maxDeliveries: 3, backoff: { initialDelay: '2s' } });
    expect(sub.spec).not.toHaveProperty('unknown');
  });

  it('puts a manifest without namespace into the given default namespace', () => {
    const manifest = parseYaml(kymaManifest);
    delete manifest.metadata.namespace;
    expect(parseSubscription(manifest).metadata.namespace).toBe('default');
    expect(parseSubscription(manifest, { defaultNamespace: 'dev' }).metadata.namespace).toBe('dev');
  });

  it('treats null as absent, so defaults still apply', () => {
    const manifest = parseYaml(kymaManifest);
    manifest.spec.typeMatching = null;
    manifest.spec.config = null;
    expect(parseSubscription(manifest).spec).toMatchObject({ typeMatching: 'standard', config: { maxInFlightMessages: '10' } });
  });

  it('accepts Date timestamps from a Kubernetes client and a readable status', () => {
    const manifest = parseYaml(kymaManifest);
    manifest.metadata.creationTimestamp = new Date('2026-01-02T03:04:05.678Z');
    manifest.status = { ready: true, types: [{ originalType: 'a.b', cleanType: 'a.b' }], conditions: [{ type: 'x', status: 'True' }] };
    const sub = parseSubscription(manifest);
    expect(sub.metadata.creationTimestamp).toBe('2026-01-02T03:04:05Z');
    expect(sub.status).toEqual({ ready: true, types: [{ originalType: 'a.b', cleanType: 'a.b' }], conditions: [{ type: 'x', status: 'True' }] });
  });

  it('drops an unreadable status instead of failing', () => {
    const manifest = parseYaml(kymaManifest);
    manifest.status = { ready: 'maybe' };
    expect(parseSubscription(manifest).status).toBeUndefined();
  });

  it('keeps semantic problems for the validator (empty strings, bad durations)', () => {
    const manifest = parseYaml(kymaManifest);
    manifest.spec.sink = '';
    manifest.spec.typeMatching = 'weird';
    expect(parseSubscription(manifest).spec).toMatchObject({ sink: '', typeMatching: 'weird' });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'hello', '(root): Invalid input: expected object, received string'],
    ['another kind', { ...parseYaml(kymaManifest), kind: 'Eventing' }, 'kind: Invalid input: expected "Subscription"'],
    ['another API version', { ...parseYaml(kymaManifest), apiVersion: 'eventing.kyma-project.io/v1alpha1' }, 'apiVersion: Invalid input: expected "eventing.kyma-project.io/v1alpha2"'],
  ])('rejects %s', (_name, obj, issue) => {
    expect(() => parseSubscription(obj)).toThrow(`invalid Subscription manifest: ${issue}`);
  });

  it('names every structural problem with its path', () => {
    const manifest = parseYaml(kymaManifest);
    manifest.metadata.name = '';
    manifest.spec.types = 'order.created.v1';
    manifest.spec.config = { maxInFlightMessages: 10 };
    delete manifest.spec.sink;
    let error: unknown;
    try {
      parseSubscription(manifest);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SubscriptionParseError);
    const { issues, message, name } = error as SubscriptionParseError;
    expect(name).toBe('SubscriptionParseError');
    expect(issues).toEqual([
      'metadata.name: must not be empty',
      'spec.sink: Invalid input: expected string, received undefined',
      'spec.types: Invalid input: expected array, received string',
      'spec.config.maxInFlightMessages: Invalid input: expected string, received number',
    ]);
    expect(message).toBe(`invalid Subscription manifest: ${issues.join('; ')}`);
  });
});
