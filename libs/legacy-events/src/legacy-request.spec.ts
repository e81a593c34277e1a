import fc from 'fast-check';
import { GO_ORACLE_VECTORS, type GoOracleVector } from './go-oracle-vectors';
import { toGenericCloudEvent } from './legacy-cloud-event';
import { parseLegacyRequest } from './legacy-request';

function bodyOf(vector: GoOracleVector): Uint8Array {
  return vector.base64 !== undefined ? Buffer.from(vector.base64, 'base64') : Buffer.from(vector.text ?? '', 'utf8');
}

const VALID = '{"event-type":"order.created","event-type-version":"v1","event-time":"2020-04-02T21:37:00Z","data":{"x":1}}';

describe('parseLegacyRequest answers exactly as Kyma (vectors recorded from Go)', () => {
  it.each(GO_ORACLE_VECTORS.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const contentLength = vector.contentLength === -1 ? undefined : vector.contentLength;
    const options = vector.maxBytes === 0 ? {} : { maxBytes: vector.maxBytes };
    const result = parseLegacyRequest(bodyOf(vector), contentLength, options);
    const { expected } = vector;
    if (expected.status !== 200) {
      expect(result).toEqual({ ok: false, status: expected.status, body: expected.body });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const event = toGenericCloudEvent(result.request, 'app', () => 'generated');
    expect({ type: event.type, id: event.id, time: event.time, data: event.data }).toEqual({
      type: expected.type,
      id: expected.id,
      time: expected.time,
      data: expected.data,
    });
  });
});

describe('parseLegacyRequest', () => {
  it('returns the decoded fields of a valid request', () => {
    expect(parseLegacyRequest(VALID, VALID.length)).toEqual({
      ok: true,
      request: {
        eventType: 'order.created',
        eventTypeVersion: 'v1',
        eventId: '',
        eventTime: '2020-04-02T21:37:00Z',
        time: '2020-04-02T21:37:00Z',
        data: '{"x":1}',
      },
    });
  });

  it('accepts a string or a Buffer body', () => {
    expect(parseLegacyRequest(Buffer.from(VALID), undefined)).toEqual(parseLegacyRequest(VALID, undefined));
  });

  it('treats a missing Content-Length (chunked) as a body to decode', () => {
    expect(parseLegacyRequest(VALID, undefined).ok).toBe(true);
  });

  it('rejects nesting deeper than Go allows with Go text', () => {
    const body = `{"data":${'['.repeat(10_001)}${']'.repeat(10_001)}}`;
    const result = parseLegacyRequest(body, body.length);
    expect(result).toEqual({
      ok: false,
      status: 400,
      body: '{"status":400,"type":"bad_payload_syntax","message":"Bad payload syntax","moreInfo":"invalid character \'[\' exceeded max depth"}\n',
    });
  });

  it('accepts data nested 5000 deep and re-encodes it without recursion', () => {
    const nested = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const body = VALID.replace('{"x":1}', nested);
    const result = parseLegacyRequest(body, body.length);
    expect(result.ok && result.request.data).toBe(nested);
  });

  it('reads nothing past the size limit', () => {
    const body = `${VALID}${'x'.repeat(100_000)}`;
    expect(parseLegacyRequest(body, body.length, { maxBytes: 65_536 }).ok).toBe(true);
  });

  it('never throws and always answers with a JSON body ending in a newline', () => {
    const anyBody = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.json().map((text) => Buffer.from(text)),
      fc.string().map((text) => Buffer.from(text)),
      fc
        .record({
          'event-type': fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          'event-type-version': fc.oneof(fc.constantFrom('v1', '', '-'), fc.string()),
          'event-time': fc.oneof(fc.constantFrom('2020-04-02T21:37:00Z', ''), fc.string()),
          'event-id': fc.oneof(fc.uuid(), fc.string()),
          data: fc.jsonValue(),
        }, { requiredKeys: [] })
        .map((record) => Buffer.from(JSON.stringify(record))),
    );
    fc.assert(
      fc.property(anyBody, fc.option(fc.nat(300), { nil: undefined }), (body, maxBytes) => {
        const result = parseLegacyRequest(body, body.length, maxBytes === undefined ? {} : { maxBytes });
        if (result.ok) {
          expect(() => JSON.parse(result.request.data)).not.toThrow();
          return;
        }
        expect([400, 413]).toContain(result.status);
        expect(result.body.endsWith('}\n')).toBe(true);
        expect(() => JSON.parse(result.body)).not.toThrow();
      }),
    );
  });
});
