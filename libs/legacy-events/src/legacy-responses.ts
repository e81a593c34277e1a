// The JSON bodies of Kyma's legacy endpoint (reference 2.5.2, 2.5.3): written by Go's
// `json.Encoder`, so fields with empty values are omitted, strings are HTML-escaped, and every
// body ends with a newline.
import { goJsonString } from './go-json-encode';

/** The legacy request's field names, as they appear in error details. */
export const LEGACY_FIELDS = {
  eventType: 'event-type',
  eventTypeVersion: 'event-type-version',
  eventTime: 'event-time',
  eventId: 'event-id',
  data: 'data',
} as const;

export type LegacyField = (typeof LEGACY_FIELDS)[keyof typeof LEGACY_FIELDS];

/** `moreInfo` when the body is absent or has length 0. */
export const BAD_PAYLOAD_MESSAGE = 'Bad payload syntax';

/** An error answer of the legacy endpoint: the HTTP status and the exact body. */
export interface LegacyErrorResponse {
  readonly status: number;
  readonly body: string;
}

interface ErrorFields {
  readonly status: number;
  readonly type?: string;
  readonly message?: string;
  readonly moreInfo?: string;
  readonly details?: ReadonlyArray<{ readonly field: string; readonly type: string; readonly message: string }>;
}

/** Go's `api.Error` with `omitempty` on every field, keys in declaration order. */
function encodeError(fields: ErrorFields): string {
  const parts: string[] = [];
  if (fields.status !== 0) parts.push(`"status":${fields.status}`);
  if (fields.type) parts.push(`"type":${goJsonString(fields.type)}`);
  if (fields.message) parts.push(`"message":${goJsonString(fields.message)}`);
  if (fields.moreInfo) parts.push(`"moreInfo":${goJsonString(fields.moreInfo)}`);
  if (fields.details && fields.details.length > 0) {
    const details = fields.details.map((d) => {
      const entries: string[] = [];
      if (d.field) entries.push(`"field":${goJsonString(d.field)}`);
      if (d.type) entries.push(`"type":${goJsonString(d.type)}`);
      if (d.message) entries.push(`"message":${goJsonString(d.message)}`);
      return `{${entries.join(',')}}`;
    });
    parts.push(`"details":[${details.join(',')}]`);
  }
  return `{${parts.join(',')}}\n`;
}

function fieldError(field: string, kind: 'missing' | 'invalid'): string {
  const message = kind === 'missing' ? 'Missing field' : 'Invalid field';
  const type = kind === 'missing' ? 'missing_field' : 'invalid_field';
  return encodeError({ status: 400, type: 'validation_violation', message, details: [{ field, type, message }] });
}

/** The error bodies of reference 2.5.2, each exactly as Kyma writes it (with the trailing `\n`). */
export const legacyErrorBody = {
  /** 400 `bad_payload_syntax`; `moreInfo` is the decoder's error text or `Bad payload syntax`. */
  badPayload: (moreInfo: string): string =>
    encodeError({ status: 400, type: 'bad_payload_syntax', message: 'Bad payload syntax', moreInfo }),
  /** 413, when the body exceeds the request size limit. */
  requestTooLarge: (): string =>
    encodeError({
      status: 413,
      type: 'request_body_too_large',
      message: 'Request body too large',
      moreInfo: 'http: request body too large',
    }),
  /** 400 `validation_violation` with one `missing_field` detail. */
  missingField: (field: LegacyField): string => fieldError(field, 'missing'),
  /** 400 `validation_violation` with one `invalid_field` detail. */
  invalidField: (field: LegacyField): string => fieldError(field, 'invalid'),
  /** A publish failure: `{"status":<code>,"message":"<text>"}` (message omitted when empty). */
  backend: (status: number, message: string): string => encodeError({ status, message }),
} as const;

/** The 200 body: `{"event-id":"<id>","status":"","reason":""}` + `\n` (`event-id` omitted when empty). */
export function legacySuccessBody(eventId: string): string {
  const id = eventId === '' ? '' : `"event-id":${goJsonString(eventId)},`;
  return `{${id}"status":"","reason":""}\n`;
}
