import fc from 'fast-check';
import { CloudEventParseError } from './cloud-event';
import { parseCloudEventRequest } from './parse-request';

/**
 * Bad input never escapes as anything but a 400 reason (issue "Reliability" item 3): whatever the
 * headers and body, parsing either yields a valid event or throws CloudEventParseError.
 */
describe('parseCloudEventRequest on arbitrary input', () => {
  const headerValue = fc.oneof(fc.string(), fc.constantFrom('1.0', '0.3', '', 'application/json', 'application/cloudevents+json', 'application/cloudevents-batch+json'));
  const headers = fc.record(
    {
      'content-type': headerValue,
      'ce-specversion': headerValue,
      'ce-id': headerValue,
      'ce-source': headerValue,
      'ce-type': headerValue,
      'ce-time': headerValue,
      'ce-Bad_Name': headerValue,
      'ce-myext': headerValue,
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.json().map((j) => new TextEncoder().encode(j)), fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify({ specversion: '1.0', id: 'x', source: 's', type: 't', data: v }))));

  it('returns a valid event or throws CloudEventParseError, never anything else', () => {
    fc.assert(
      fc.property(headers, body, (h, b) => {
        try {
          const event = parseCloudEventRequest(h, Buffer.from(b));
          expect(event.id.trim()).not.toBe('');
          expect(event.source.trim()).not.toBe('');
          expect(event.type.trim()).not.toBe('');
        } catch (err) {
          expect(err).toBeInstanceOf(CloudEventParseError);
          expect((err as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the data bytes of any binary-mode event exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.stringMatching(/^[A-Za-z0-9.]{1,30}$/), (data, type) => {
        const event = parseCloudEventRequest({ 'ce-specversion': '1.0', 'ce-id': '1', 'ce-source': 'src', 'ce-type': type, 'content-type': 'application/octet-stream' }, Buffer.from(data));
        expect(Buffer.from(event.data).equals(Buffer.from(data))).toBe(true);
      }),
    );
  });

  it('round-trips any JSON data through structured mode', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(value !== null);
        const event = parseCloudEventRequest({ 'content-type': 'application/cloudevents+json' }, Buffer.from(JSON.stringify({ specversion: '1.0', id: '1', source: 's', type: 't.v1', data: value })));
        expect(JSON.parse(Buffer.from(event.data).toString())).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
