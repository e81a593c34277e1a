import type { CloudEvent } from './cloud-event';

// RFC 3339 as Go's time.RFC3339 layout reads it: upper-case T and Z, offset required.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
// RFC 2046 media type: type/subtype with optional parameters.
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"]*"|[^;\s]*))*\s*$/;
// Characters that can never appear in a URI reference (RFC 3986): controls, space, and these.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const NOT_URI = /[\u0000-\u0020\u007f"<>\\^`{|}]/;

/**
 * Validates a CloudEvent as sdk-go does for 1.0 (reference 2.4.1 step 6). Returns the error text,
 * one `<attr>: <reason>\n` line per failing attribute, or undefined when valid.
 */
export function validateCloudEvent(event: CloudEvent): string | undefined {
  let errors = '';
  if (event.id.trim() === '') errors += 'id: MUST be a non-empty string\n';
  if (event.source.trim() === '') errors += 'source: REQUIRED\n';
  else if (!isUriReference(event.source)) errors += 'source: if present, MUST adhere to the format specified in RFC 3986\n';
  if (event.type.trim() === '') errors += 'type: MUST be a non-empty string\n';
  if (event.datacontenttype !== undefined && !MEDIA_TYPE.test(event.datacontenttype)) {
    errors += 'datacontenttype: if present, MUST adhere to the format specified in RFC 2046\n';
  }
  if (event.dataschema !== undefined && !isAbsoluteUri(event.dataschema)) {
    errors += 'dataschema: if present, MUST adhere to the format specified in RFC 3986\n';
  }
  if (event.subject !== undefined && event.subject.trim() === '') errors += 'subject: if present, MUST be a non-empty string\n';
  if (event.time !== undefined && !isRfc3339(event.time)) errors += 'time: if present, MUST adhere to the format specified in RFC 3339\n';
  return errors === '' ? undefined : errors;
}

export function isRfc3339(text: string): boolean {
  if (!RFC3339.test(text)) return false;
  return !Number.isNaN(Date.parse(text));
}

export function isUriReference(text: string): boolean {
  if (NOT_URI.test(text)) return false;
  // A scheme, if present, must be well formed; a colon in the first segment otherwise is invalid.
  const colon = text.indexOf(':');
  const slash = text.indexOf('/');
  if (colon > 0 && (slash === -1 || colon < slash)) return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text);
  return !text.startsWith(':');
}

function isAbsoluteUri(text: string): boolean {
  return isUriReference(text) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text);
}
