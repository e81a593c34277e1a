// Decoding and validation of a legacy publish request (reference 2.5.1, 2.5.2), with the Go
// `encoding/json` semantics Kyma's proxy inherits: only the first JSON value is read, unknown
// keys are ignored, keys match case-insensitively (last one wins), a `null` leaves a string field
// unset, a value of the wrong JSON type is a decode error (400 bad payload).
import { firstNumberOverflow, marshalGoValue } from './go-json-encode';
import { scanFirstJsonValue } from './go-json-scan';
import { parseGoRfc3339 } from './go-time';
import { buildJsonNode, type JsonNode } from './go-json-value';
import { BAD_PAYLOAD_MESSAGE, LEGACY_FIELDS, legacyErrorBody, type LegacyErrorResponse, type LegacyField } from './legacy-responses';

/** A validated legacy request. */
export interface LegacyPublishRequest {
  readonly eventType: string;
  readonly eventTypeVersion: string;
  /** `''` when the request has none (a fresh id is then generated per published event). */
  readonly eventId: string;
  /** `event-time` as sent. */
  readonly eventTime: string;
  /** `event-time` as the CloudEvent `time` attribute: UTC, RFC 3339 with nanoseconds, as Kyma writes it. */
  readonly time: string;
  /** The JSON text of `data` as Kyma re-encodes it (Go `json.Marshal` of the decoded value). */
  readonly data: string;
}

export type LegacyParseResult =
  | { readonly ok: true; readonly request: LegacyPublishRequest }
  | ({ readonly ok: false } & LegacyErrorResponse);

export interface LegacyParseOptions {
  /**
   * The request size limit (MAX_REQUEST_SIZE). When `body` is longer, only the first `maxBytes`
   * bytes are read and a value that does not end within them is a 413, as with Go's
   * MaxBytesReader. Pass at least `maxBytes + 1` bytes of the body so the excess can be seen.
   */
  readonly maxBytes?: number;
}

/** `event-type-version` needs one ASCII letter or digit anywhere (Go's unanchored regex). */
const VERSION_PATTERN = /[a-zA-Z0-9]/;
const EVENT_ID_PATTERN = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;

/** Go's decode target is `api.PublishRequestV1`; its name appears in type errors. */
const GO_STRUCT = 'PublishRequestV1';
const GO_TYPE = `api.${GO_STRUCT}`;

type StringField = 'event-type' | 'event-type-version' | 'event-id' | 'event-time';

interface DecodedFields {
  strings: Record<StringField, string>;
  data: JsonNode | undefined;
}

/**
 * Parses and validates a legacy request body. `contentLength` is the request's Content-Length
 * (`0` also when there is no body), `undefined` for a chunked request. The first failing check of
 * reference 2.5.2 decides the answer.
 */
export function parseLegacyRequest(
  body: Uint8Array | string,
  contentLength: number | undefined,
  options: LegacyParseOptions = {},
): LegacyParseResult {
  if (contentLength === 0) return fail(400, legacyErrorBody.badPayload(BAD_PAYLOAD_MESSAGE));
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;

  const scan = scanFirstJsonValue(bytes, options.maxBytes);
  if (scan.kind === 'too-large') return fail(413, legacyErrorBody.requestTooLarge());
  if (scan.kind === 'error') return fail(400, legacyErrorBody.badPayload(scan.message));

  const decoded = decodeFields(buildJsonNode(bytes, scan.end));
  if (typeof decoded === 'string') return fail(400, legacyErrorBody.badPayload(decoded));
  return validate(decoded);
}

/** Go's struct decoding; returns the first decode error's text instead of fields. */
function decodeFields(root: JsonNode): DecodedFields | string {
  const fields: DecodedFields = {
    strings: { 'event-type': '', 'event-type-version': '', 'event-id': '', 'event-time': '' },
    data: undefined,
  };
  if (root.t === 'null') return fields;
  if (root.t !== 'object') return `json: cannot unmarshal ${goKind(root)} into Go value of type ${GO_TYPE}`;

  let firstError: string | undefined;
  for (const [key, value] of root.members) {
    const field = matchField(key);
    if (field === undefined) continue;
    if (field === 'data') {
      const overflow = firstNumberOverflow(value);
      if (overflow !== undefined) {
        firstError ??= `json: cannot unmarshal number ${overflow} into Go struct field ${GO_STRUCT}.data of type float64`;
      }
      fields.data = value.t === 'null' ? undefined : value;
    } else if (value.t === 'string') {
      fields.strings[field] = value.v;
    } else if (value.t !== 'null') {
      firstError ??= `json: cannot unmarshal ${goKind(value)} into Go struct field ${GO_STRUCT}.${field} of type string`;
    }
  }
  return firstError ?? fields;
}

function goKind(node: JsonNode): string {
  return node.t === 'bool' ? 'bool' : node.t;
}

const FIELD_NAMES: readonly LegacyField[] = Object.values(LEGACY_FIELDS);

/** Go's case-insensitive key match (exact first, then folded). */
function matchField(key: string): LegacyField | undefined {
  const folded = foldKey(key);
  return FIELD_NAMES.find((name) => name === key || foldKey(name) === folded);
}

/**
 * Go's `foldName`: ASCII upper-cased, any other rune replaced by the smallest rune of its
 * simple case-folding orbit. Only two non-ASCII runes fold onto ASCII letters, so only they can
 * make a key match our ASCII field names: `ſ` (U+017F) → S and the Kelvin sign (U+212A) → K.
 */
function foldKey(key: string): string {
  let out = '';
  for (const ch of key) {
    if (ch === '\u017f') out += 'S';
    else if (ch === '\u212a') out += 'K';
    else if (ch >= 'a' && ch <= 'z') out += ch.toUpperCase();
    else out += ch; // any other rune folds to a non-ASCII rune and can never match
  }
  return out;
}

/** The checks of reference 2.5.2, steps 3 to 9, in order. */
function validate({ strings, data }: DecodedFields): LegacyParseResult {
  const eventType = strings['event-type'];
  const eventTypeVersion = strings['event-type-version'];
  const eventTime = strings['event-time'];
  const eventId = strings['event-id'];
  if (eventType === '') return fail(400, legacyErrorBody.missingField('event-type'));
  if (eventTypeVersion === '') return fail(400, legacyErrorBody.missingField('event-type-version'));
  if (!VERSION_PATTERN.test(eventTypeVersion)) return fail(400, legacyErrorBody.invalidField('event-type-version'));
  if (eventTime === '') return fail(400, legacyErrorBody.missingField('event-time'));
  const time = parseGoRfc3339(eventTime);
  if (time === undefined) return fail(400, legacyErrorBody.invalidField('event-time'));
  if (eventId !== '' && !EVENT_ID_PATTERN.test(eventId)) return fail(400, legacyErrorBody.invalidField('event-id'));
  if (data === undefined || (data.t === 'string' && data.v === '')) return fail(400, legacyErrorBody.missingField('data'));
  return {
    ok: true,
    request: { eventType, eventTypeVersion, eventId, eventTime, time: time.utc, data: marshalGoValue(data) },
  };
}

function fail(status: number, body: string): LegacyParseResult {
  return { ok: false, status, body };
}
