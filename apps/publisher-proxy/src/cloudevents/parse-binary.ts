import type { IncomingHttpHeaders } from 'node:http';
import { CloudEventParseError, CONTEXT_ATTRIBUTES, isJsonMediaType, isValidExtensionName, type CloudEvent } from './cloud-event';

const CE_PREFIX = 'ce-';

/**
 * Binary content mode (CloudEvents HTTP binding 3.1; reference 2.4.1 step 4): attributes from
 * `ce-*` headers, `Content-Type` as datacontenttype, the body as data. Hand-written because the
 * SDK's parser costs about a publish's worth of CPU per event (performance.md section 7).
 */
export function parseBinaryEvent(headers: IncomingHttpHeaders, body: Buffer): CloudEvent {
  const attributes: Record<string, string> = {};
  const extensions: Record<string, string> = {};
  for (const name in headers) {
    if (!name.startsWith(CE_PREFIX)) continue;
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw[0]! : (raw ?? '');
    const attribute = name.slice(CE_PREFIX.length);
    if (CONTEXT_ATTRIBUTES.has(attribute)) {
      attributes[attribute] = decodePercent(value);
    } else if (isValidExtensionName(attribute)) {
      extensions[attribute] = decodePercent(value);
    } else {
      throw new CloudEventParseError(`${attribute}: invalid extension name: only lower-case letters and digits are allowed\n`);
    }
  }
  const contentType = headers['content-type'];
  if (contentType !== undefined && contentType !== '' && body.length > 0 && isJsonMediaType(contentType) && !isJson(body)) {
    throw new CloudEventParseError('conversion to target format failed');
  }
  return {
    specversion: attributes['specversion']!,
    id: attributes['id'] ?? '',
    source: attributes['source'] ?? '',
    type: attributes['type'] ?? '',
    ...optional('time', attributes['time']),
    ...optional('subject', attributes['subject']),
    ...optional('dataschema', attributes['dataschema'] ?? attributes['schemaurl']),
    ...optional('datacontenttype', contentType === '' ? undefined : contentType),
    extensions,
    data: body,
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

/** Header values are percent-encoded for non-ASCII (HTTP binding 3.1.3.2). */
function decodePercent(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isJson(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
