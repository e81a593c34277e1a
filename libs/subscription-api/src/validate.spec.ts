import type { SubscriptionSpec } from './types';
import { validateSubscription, type ValidationOptions } from './validate';

const NS = 'test';
const SINK = 'https://eventing-nats.test.svc.cluster.local:8080';
const base: SubscriptionSpec = {
  sink: SINK,
  source: 'noapp',
  types: ['order.created.v1'],
  typeMatching: 'standard',
  config: { maxInFlightMessages: '10' },
};

function message(spec: Partial<SubscriptionSpec>, options: ValidationOptions = {}, namespace = NS): string | undefined {
  const result = validateSubscription({ metadata: { name: 'sub', namespace }, spec: { ...base, ...spec } }, options);
  return result.valid ? undefined : result.message;
}

const P = 'Subscription validation failed: ';

describe('validateSubscription: Kyma rules (reference 3.4)', () => {
  it('accepts a valid Kyma subscription', () => {
    expect(message({})).toBeUndefined();
  });

  it.each<[string, Partial<SubscriptionSpec>, string]>([
    // rule 1
    ['empty typeMatching', { typeMatching: '' }, 'spec.typeMatching: Invalid value: "": must be a valid TypeMatching value exact or standard'],
    ['unsupported typeMatching', { typeMatching: 'unsupported' }, 'spec.typeMatching: Invalid value: "unsupported": must be a valid TypeMatching value exact or standard'],
    // rules 2–3
    ['empty source with standard matching', { source: '' }, 'spec.source: Invalid value: "": must not be empty'],
    ['a source that is no URI-reference', { source: 's%ourc%e' }, 'spec.source: Invalid value: "s%ourc%e": must be valid as per RFC 3986'],
    ['a source with a colon in the first relative segment', { source: '1app:x/y' }, 'spec.source: Invalid value: "1app:x/y": must be valid as per RFC 3986'],
    ['a source with a control character', { source: 'app\n' }, 'spec.source: Invalid value: "app\\n": must be valid as per RFC 3986'],
    ['a source that is only a fragment mark', { source: '#' }, 'spec.source: Invalid value: "#": must be valid as per RFC 3986'],
    // rules 4–9
    ['absent types', { types: undefined as unknown as string[] }, 'spec.types: Invalid value: "": must not be empty'],
    ['empty types', { types: [] }, 'spec.types: Invalid value: "": must not be empty'],
    ['duplicate types', { types: ['order.created.v1', 'order.created.v1'] }, 'spec.types: Invalid value: "order.created.v1": must not have duplicate types'],
    [
      'several duplicates, each once, in order of their second occurrence',
      { types: ['a.b', 'c.d', 'c.d', 'a.b', 'a.b'] },
      'spec.types: Invalid value: "c.d,a.b": must not have duplicate types',
    ],
    ['an empty type', { types: ['order.created.v1', ''] }, 'spec.types: Invalid value: "": must not be of length zero'],
    ['a type with one segment', { types: ['order'] }, 'spec.types: Invalid value: "order": must have minimum 2 segments'],
    ['the sap.kyma.custom prefix with standard matching', { types: ['sap.kyma.custom'] }, 'spec.types: Invalid value: "sap.kyma.custom": must not have sap.kyma.custom as type prefix'],
    ['the first failing type only', { types: ['order', 'x'] }, 'spec.types: Invalid value: "order": must have minimum 2 segments'],
    // rules 10–13
    ['a non-integer maxInFlightMessages', { config: { maxInFlightMessages: 'invalid' } }, 'spec.config: Invalid value: "invalid": maxInFlightMessages must be a stringified int value'],
    ['a config without maxInFlightMessages (Kyma reads "")', { config: {} }, 'spec.config: Invalid value: "": maxInFlightMessages must be a stringified int value'],
    ['an invalid qos', { config: { maxInFlightMessages: '10', qos: 'AT_INVALID_ONCE' } }, 'spec.config: Invalid value: "AT_INVALID_ONCE": must be a valid QoS value AT_LEAST_ONCE or AT_MOST_ONCE'],
    ['an invalid webhook auth type', { config: { maxInFlightMessages: '10', type: 'abcd' } }, 'spec.config: Invalid value: "abcd": must be a valid Auth Type value oauth2'],
    ['an invalid grant type', { config: { maxInFlightMessages: '10', grantType: 'invalid' } }, 'spec.config: Invalid value: "invalid": must be a valid Grant Type value client_credentials'],
    // rules 14–19
    ['an empty sink', { sink: '' }, 'spec.sink: Invalid value: "": must not be empty'],
    ['a sink without scheme', { sink: 'test' }, `spec.sink: Invalid value: "test": must have URL scheme 'http' or 'https'`],
    ['an upper-case scheme (the check is case-sensitive)', { sink: 'HTTP://a.test.svc.cluster.local' }, `spec.sink: Invalid value: "HTTP://a.test.svc.cluster.local": must have URL scheme 'http' or 'https'`],
    [
      'a sink Go cannot parse',
      { sink: 'http://invalid Sink' },
      'spec.sink: Invalid value: "http://invalid Sink": failed to parse subscription sink URL: parse "http://invalid Sink": invalid character " " in host name',
    ],
    [
      'a sink with a bad port',
      { sink: 'http://a.test.svc.cluster.local:8o' },
      'spec.sink: Invalid value: "http://a.test.svc.cluster.local:8o": failed to parse subscription sink URL: parse "http://a.test.svc.cluster.local:8o": invalid port ":8o" after host',
    ],
    ['a sink outside the cluster', { sink: 'https://svc2.test.local' }, 'spec.sink: Invalid value: "https://svc2.test.local": must have valid sink URL suffix svc.cluster.local'],
    ['a sink outside the cluster, with port', { sink: 'https://svc2.test.local:8080' }, 'spec.sink: Invalid value: "https://svc2.test.local:8080": must have valid sink URL suffix svc.cluster.local'],
    ['a sink with too few labels', { sink: 'https://svc.cluster.local:8080' }, 'spec.sink: Invalid value: "https://svc.cluster.local:8080": must have sink URL with 5 sub-domains: svc.cluster.local'],
    [
      'a sink in another namespace',
      { sink: 'https://eventing-nats.kyma-system.svc.cluster.local' },
      'metadata.namespace: Invalid value: "https://eventing-nats.kyma-system.svc.cluster.local": must have the same namespace as the subscriber: kyma-system',
    ],
  ])('rejects %s', (_name, spec, expected) => {
    expect(message(spec)).toBe(P + expected);
  });

  it.each<[string, Partial<SubscriptionSpec>]>([
    ['an empty source with exact matching', { source: '', typeMatching: 'exact' }],
    ['the sap.kyma.custom prefix with exact matching', { types: ['sap.kyma.custom.app.order.created.v1'], typeMatching: 'exact' }],
    ['a source full of punctuation (valid as a URI path)', { source: 't..e--s__t!!a@@**p##p&&' }],
    ['a URL as source', { source: 'https://example.com/app?x=1#y' }],
    ['negative or signed maxInFlightMessages (only the int check is Kyma\'s)', { config: { maxInFlightMessages: '-5' } }],
    ['qos with dashes', { config: { maxInFlightMessages: '1', qos: 'AT-LEAST-ONCE' } }],
    ['http sink with port and path', { sink: 'http://my-svc.test.svc.cluster.local:8080/path?x=1' }],
    ['omitted typeMatching and config (CRD defaults)', { typeMatching: undefined, config: undefined }],
  ])('accepts %s', (_name, spec) => {
    expect(message(spec)).toBeUndefined();
  });

  it('reports every failing field together, in Kyma order, as a list', () => {
    expect(message({ source: '', config: { maxInFlightMessages: 'invalid' }, sink: 'test' })).toBe(
      P +
        '[spec.source: Invalid value: "": must not be empty, ' +
        'spec.config: Invalid value: "invalid": maxInFlightMessages must be a stringified int value, ' +
        `spec.sink: Invalid value: "test": must have URL scheme 'http' or 'https']`,
    );
  });

  it('quotes values the way Go does', () => {
    expect(message({ types: ['a"b\\c\n'] })).toBe(P + 'spec.types: Invalid value: "a\\"b\\\\c\\n": must have minimum 2 segments');
  });
});

describe('validateSubscription: hostile input', () => {
  it('refuses more than 100 types without listing them', () => {
    const types = Array.from({ length: 5000 }, (_, i) => `order.t${i}.v1`);
    expect(message({ types })).toBe(P + 'spec.types: Too many: 5000: must have at most 100 items');
  });

  it('refuses a giant type without echoing it', () => {
    expect(message({ types: ['a.b', `x.${'y'.repeat(1_000_000)}`] })).toBe(P + 'spec.types[1]: Too long: may not be more than 1024 bytes');
  });

  it('counts bytes, not characters', () => {
    expect(message({ types: [`x.${'ä'.repeat(600)}`] })).toBe(P + 'spec.types[0]: Too long: may not be more than 1024 bytes');
  });

  it.each<[string, Partial<SubscriptionSpec>, string]>([
    ['source', { source: 's'.repeat(2000) }, 'spec.source: Too long: may not be more than 1024 bytes'],
    ['sink', { sink: `http://a.test.svc.cluster.local/${'p'.repeat(5000)}` }, 'spec.sink: Too long: may not be more than 2048 bytes'],
    ['config value', { config: { maxInFlightMessages: '1'.repeat(2000) } }, 'spec.config.maxInFlightMessages: Too long: may not be more than 1024 bytes'],
  ])('refuses a giant %s', (_name, spec, expected) => {
    expect(message(spec)).toBe(P + expected);
  });

  it('refuses a config map with too many entries', () => {
    const config = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, 'v']));
    expect(message({ config: { ...config, maxInFlightMessages: '1' } })).toBe(P + 'spec.config: Too many: 71: must have at most 64 items');
  });
});

describe('validateSubscription: sink policy any-http', () => {
  const anyHttp: ValidationOptions = { sinkPolicy: 'any-http' };

  it.each(['https://hooks.example.com/events', 'http://localhost:3000/', 'http://127.0.0.1:8080', SINK, 'http://other.ns.svc.cluster.local'])(
    'accepts %s',
    (sink) => {
      expect(message({ sink }, anyHttp)).toBeUndefined();
    },
  );

  it.each<[string, string]>([
    ['ftp://example.com', `must have URL scheme 'http' or 'https'`],
    ['http://169.254.169.254/latest/meta-data', 'must not target a link-local address: 169.254.169.254'],
    ['http://2852039166/', 'must not target a link-local address: 169.254.169.254'],
    ['http://[fe80::1]/', 'must not target a link-local address: [fe80::1]'],
    ['http://[::ffff:169.254.169.254]/', 'must not target a link-local address: [::ffff:a9fe:a9fe]'],
    ['http://0.0.0.0:80', 'must not target an unspecified address: 0.0.0.0'],
    ['https://kubernetes.default.svc/api', 'must not target the Kubernetes API server: kubernetes.default.svc'],
    ['https://KUBERNETES.default.svc.cluster.local./', 'must not target the Kubernetes API server: kubernetes.default.svc.cluster.local'],
  ])('rejects %s', (sink, detail) => {
    expect(message({ sink }, anyHttp)).toBe(`${P}spec.sink: Invalid value: "${sink}": ${detail}`);
  });
});

describe('validateSubscription: delivery extension', () => {
  it('accepts a full, sensible delivery policy', () => {
    expect(
      message({
        delivery: {
          maxDeliveries: 5,
          backoff: { initialDelay: '500ms', maxDelay: '1m', multiplier: 1.5 },
          timeout: '29s',
          deadLetterSink: 'http://dlq.test.svc.cluster.local/dead',
        },
      }),
    ).toBeUndefined();
  });

  it.each<[string, SubscriptionSpec['delivery'], string]>([
    ['maxDeliveries 0', { maxDeliveries: 0 }, 'spec.delivery.maxDeliveries: Invalid value: 0: must be an integer of at least 1'],
    ['fractional maxDeliveries', { maxDeliveries: 2.5 }, 'spec.delivery.maxDeliveries: Invalid value: 2.5: must be an integer of at least 1'],
    ['huge maxDeliveries', { maxDeliveries: 1e7 }, 'spec.delivery.maxDeliveries: Invalid value: 10000000: must be at most 10000'],
    ['an unparseable initialDelay', { backoff: { initialDelay: '1 second' } }, 'spec.delivery.backoff.initialDelay: Invalid value: "1 second": must be a duration such as "500ms", "2s", "1m" or "1h"'],
    ['a zero initialDelay', { backoff: { initialDelay: '0s' } }, 'spec.delivery.backoff.initialDelay: Invalid value: "0s": must be greater than 0'],
    ['a maxDelay over a day', { backoff: { maxDelay: '25h' } }, 'spec.delivery.backoff.maxDelay: Invalid value: "25h": must not be more than 24h'],
    ['maxDelay below initialDelay', { backoff: { initialDelay: '10s', maxDelay: '5s' } }, 'spec.delivery.backoff.maxDelay: Invalid value: "5s": must not be less than spec.delivery.backoff.initialDelay (10s)'],
    ['a multiplier below 1', { backoff: { multiplier: 0.5 } }, 'spec.delivery.backoff.multiplier: Invalid value: 0.5: must be a number between 1 and 100'],
    ['a timeout at the ack wait', { timeout: '30s' }, `spec.delivery.timeout: Invalid value: "30s": must be less than 30s (the consumer's ack wait)`],
    ['a timeout in minutes', { timeout: '1m' }, `spec.delivery.timeout: Invalid value: "1m": must be less than 30s (the consumer's ack wait)`],
    ['a dead-letter sink in another namespace', { deadLetterSink: 'http://dlq.other.svc.cluster.local' }, 'spec.delivery.deadLetterSink: Invalid value: "http://dlq.other.svc.cluster.local": must have the same namespace as the subscriber: other'],
    ['an external dead-letter sink under the kyma policy', { deadLetterSink: 'https://example.com' }, 'spec.delivery.deadLetterSink: Invalid value: "https://example.com": must have valid sink URL suffix svc.cluster.local'],
    ['an empty dead-letter sink', { deadLetterSink: '' }, 'spec.delivery.deadLetterSink: Invalid value: "": must not be empty'],
  ])('rejects %s', (_name, delivery, expected) => {
    expect(message({ delivery })).toBe(P + expected);
  });

  it('applies the configured sink policy to the dead-letter sink', () => {
    expect(message({ delivery: { deadLetterSink: 'https://example.com/dlq' } }, { sinkPolicy: 'any-http' })).toBeUndefined();
  });

  it('lists delivery errors after Kyma errors', () => {
    expect(message({ source: '', delivery: { maxDeliveries: 0, timeout: 'x' } })).toBe(
      P +
        '[spec.source: Invalid value: "": must not be empty, ' +
        'spec.delivery.maxDeliveries: Invalid value: 0: must be an integer of at least 1, ' +
        'spec.delivery.timeout: Invalid value: "x": must be a duration such as "500ms", "2s", "1m" or "1h"]',
    );
  });
});
