import { legacyErrorBody, legacySuccessBody } from './legacy-responses';

describe('legacy response bodies (reference 2.5.2, 2.5.3)', () => {
  it.each([
    [
      'bad payload',
      legacyErrorBody.badPayload("invalid character 'I' looking for beginning of value"),
      `{"status":400,"type":"bad_payload_syntax","message":"Bad payload syntax","moreInfo":"invalid character 'I' looking for beginning of value"}\n`,
    ],
    [
      'bad payload with HTML-sensitive text',
      legacyErrorBody.badPayload("invalid character '<' looking for beginning of value"),
      `{"status":400,"type":"bad_payload_syntax","message":"Bad payload syntax","moreInfo":"invalid character '\\u003c' looking for beginning of value"}\n`,
    ],
    [
      'too large',
      legacyErrorBody.requestTooLarge(),
      '{"status":413,"type":"request_body_too_large","message":"Request body too large","moreInfo":"http: request body too large"}\n',
    ],
    [
      'missing field',
      legacyErrorBody.missingField('event-type'),
      '{"status":400,"type":"validation_violation","message":"Missing field","details":[{"field":"event-type","type":"missing_field","message":"Missing field"}]}\n',
    ],
    [
      'invalid field',
      legacyErrorBody.invalidField('event-time'),
      '{"status":400,"type":"validation_violation","message":"Invalid field","details":[{"field":"event-time","type":"invalid_field","message":"Invalid field"}]}\n',
    ],
    [
      'backend error',
      legacyErrorBody.backend(507, 'insufficient resources on target stream'),
      '{"status":507,"message":"insufficient resources on target stream"}\n',
    ],
    ['backend error without a message', legacyErrorBody.backend(500, ''), '{"status":500}\n'],
    [
      'success',
      legacySuccessBody('4a8b3fb7-3ac6-4a5a-a1a8-7ab1c6b1b5d7'),
      '{"event-id":"4a8b3fb7-3ac6-4a5a-a1a8-7ab1c6b1b5d7","status":"","reason":""}\n',
    ],
    ['success without id', legacySuccessBody(''), '{"status":"","reason":""}\n'],
  ])('%s', (_name, body, expected) => {
    expect(body).toBe(expected);
  });

  it('a bad payload without detail omits moreInfo', () => {
    expect(legacyErrorBody.badPayload('')).toBe('{"status":400,"type":"bad_payload_syntax","message":"Bad payload syntax"}\n');
  });
});
