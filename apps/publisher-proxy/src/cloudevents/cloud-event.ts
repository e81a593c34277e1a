/**
 * A CloudEvent as the proxy handles it: context attributes as strings, extensions by name, and
 * the data as raw bytes (what the sink will receive as the body in binary mode).
 */
export interface CloudEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  time?: string;
  subject?: string;
  dataschema?: string;
  datacontenttype?: string;
  extensions: Record<string, string>;
  data: Uint8Array;
}

/** A request that is not a valid CloudEvent: 400 with this plain text (reference 2.4.1). */
export class CloudEventParseError extends Error {
  override name = 'CloudEventParseError';
}

export const SPEC_VERSIONS = ['1.0', '0.3'] as const;

/** Context attributes that are not extensions, per spec version (CloudEvents 1.0 / 0.3). */
export const CONTEXT_ATTRIBUTES = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'dataschema',
  'datacontenttype',
  'schemaurl',
  'datacontentencoding',
]);

/** True for media types whose data is JSON (sdk-go: application/json, text/json, *+json). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType === '') return true;
  const media = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return media === 'application/json' || media === 'text/json' || media.endsWith('+json');
}

/** Extension names: lower-case ASCII letters and digits (CloudEvents 1.0 "Attribute Naming"). */
export function isValidExtensionName(name: string): boolean {
  return /^[a-z0-9]{1,64}$/.test(name);
}
