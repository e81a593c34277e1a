import { objectNameError, parseManifests } from './files';

const doc = (name: string, extra = '') => `apiVersion: eventing.kyma-project.io/v1alpha2
kind: Subscription
metadata:
  name: ${name}
${extra}spec:
  sink: http://127.0.0.1:3000
  source: app
  types: [order.created.v1]
`;

describe('parseManifests', () => {
  it('reads several documents, with the default namespace and CRD defaults', () => {
    const { subscriptions, errors } = parseManifests('a.yaml', `${doc('one')}---\n${doc('two', '  namespace: shop\n')}`);
    expect(errors).toEqual([]);
    expect(subscriptions.map((s) => `${s.metadata.namespace}/${s.metadata.name} ${s.spec.typeMatching}`)).toEqual(['default/one standard', 'shop/two standard']);
  });

  it.each([
    ['YAML that does not parse', 'spec: [\n', /a\.yaml/],
    ['a document that is not a Subscription', 'kind: ConfigMap\n', /apiVersion/],
  ])('reports %s with its file and keeps the other documents', (_name, bad, message) => {
    const { subscriptions, errors } = parseManifests('a.yaml', `${doc('good')}---\n${bad}`);
    expect(subscriptions.map((s) => s.metadata.name)).toEqual(['good']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('a.yaml (document 2)');
    expect(`${errors[0]!.file} ${errors[0]!.error}`).toMatch(message);
  });

  it('ignores empty documents', () => {
    expect(parseManifests('a.yaml', `---\n${doc('x')}---\n`)).toEqual({ subscriptions: [expect.anything()], errors: [] });
  });

  it('reports a YAML alias bomb as an error of its document instead of throwing (reliability suite regression)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i += 1) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const { subscriptions, errors } = parseManifests('bomb.yaml', `${lines.join('\n')}\n---\n${doc('beside')}`);
    expect(subscriptions.map((s) => s.metadata.name)).toEqual(['beside']);
    expect(errors).toEqual([{ file: 'bomb.yaml (document 1)', error: expect.stringMatching(/alias/i) }]);
  });
});

describe('objectNameError: the API server\'s name rules, in folder mode too (reliability suite regression)', () => {
  it.each([
    ['orders', 'default', undefined],
    ['orders.v1-2', 'shop-1', undefined],
    ['n'.repeat(253), 'default', undefined],
    ['n'.repeat(254), 'default', 'metadata.name: Too long: may not be more than 253 bytes'],
    ['n'.repeat(100_000), 'default', 'metadata.name: Too long: may not be more than 253 bytes'],
    ['../Bad_Name', 'default', expect.stringMatching(/^metadata\.name: Invalid value: "\.\.\/Bad_Name": a lowercase RFC 1123 subdomain/)],
    ['a..b', 'default', expect.stringMatching(/^metadata\.name: Invalid value: "a\.\.b"/)],
    ['-a', 'default', expect.stringMatching(/^metadata\.name: Invalid value/)],
    ['ok', 'a.b', expect.stringMatching(/^metadata\.namespace: Invalid value: "a\.b": a lowercase RFC 1123 label/)],
    ['ok', 'n'.repeat(64), 'metadata.namespace: Too long: may not be more than 63 bytes'],
  ])('name %#', (name, namespace, expected) => {
    expect(objectNameError({ name, namespace })).toEqual(expected);
  });

  it('a manifest with such a name is listed as an error of its file and not loaded', () => {
    const { subscriptions, errors } = parseManifests('a.yaml', `${doc('Bad_Name')}---\n${doc('good')}`);
    expect(subscriptions.map((s) => s.metadata.name)).toEqual(['good']);
    expect(errors).toEqual([{ file: 'a.yaml (document 1)', error: expect.stringMatching(/^metadata\.name: Invalid value: "Bad_Name"/) }]);
  });
});
