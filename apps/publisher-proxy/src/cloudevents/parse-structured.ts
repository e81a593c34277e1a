import { CloudEventParseError, CONTEXT_ATTRIBUTES, isJsonMediaType, isValidExtensionName, SPEC_VERSIONS, type CloudEvent } from './cloud-event';

const encoder = new TextEncoder();

/**
 * Structured content mode (`application/cloudevents+json`, JSON event format; reference 2.4.1
 * step 2): the body is one JSON CloudEvent, 1.0 or 0.3.
 */
export function parseStructuredEvent(body: Buffer): CloudEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new CloudEventParseError(`invalid JSON: ${(err as Error).message}\n`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CloudEventParseError('a structured CloudEvent must be a JSON object\n');
  }
  const json = parsed as Record<string, unknown>;
  const specversion = json['specversion'];
  if (specversion === undefined || specversion === null) throw new CloudEventParseError('specversion: no specversion\n');
  if (!(SPEC_VERSIONS as readonly unknown[]).includes(specversion)) {
    throw new CloudEventParseError(`specversion: unknown value: ${String(specversion)}\n`);
  }
  const attribute = (name: string): string | undefined => {
    const value = json[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new CloudEventParseError(`${name}: must be a string\n`);
    return value;
  };
  const extensions: Record<string, string> = {};
  for (const key of Object.keys(json)) {
    if (CONTEXT_ATTRIBUTES.has(key) || key === 'data' || key === 'data_base64') continue;
    const value = json[key];
    if (value === null || value === undefined) continue;
    if (!isValidExtensionName(key)) throw new CloudEventParseError(`${key}: invalid extension name: only lower-case letters and digits are allowed\n`);
    if (typeof value === 'object') throw new CloudEventParseError(`${key}: extension values must be strings, numbers or booleans\n`);
    extensions[key] = String(value);
  }
  const datacontenttype = attribute('datacontenttype');
  const event: CloudEvent = {
    specversion: specversion as string,
    id: attribute('id') ?? '',
    source: attribute('source') ?? '',
    type: attribute('type') ?? '',
    extensions,
    data: toData(json, datacontenttype),
  };
  const time = attribute('time');
  const subject = attribute('subject');
  const dataschema = attribute('dataschema') ?? attribute('schemaurl');
  if (time !== undefined) event.time = time;
  if (subject !== undefined) event.subject = subject;
  if (dataschema !== undefined) event.dataschema = dataschema;
  // JSON data without a declared type is JSON (JSON event format 3.1).
  if (datacontenttype !== undefined) event.datacontenttype = datacontenttype;
  else if (json['data'] !== undefined && json['data'] !== null) event.datacontenttype = 'application/json';
  return event;
}

function toData(json: Record<string, unknown>, contentType: string | undefined): Uint8Array {
  const base64 = json['data_base64'];
  if (typeof base64 === 'string') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new CloudEventParseError('data_base64: not valid base64\n');
    return Buffer.from(base64, 'base64');
  }
  const data = json['data'];
  if (data === undefined || data === null) return new Uint8Array(0);
  if (typeof data === 'string' && !isJsonMediaType(contentType)) return encoder.encode(data);
  return encoder.encode(JSON.stringify(data));
}
