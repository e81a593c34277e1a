import type { IncomingHttpHeaders } from 'node:http';
import { CloudEventParseError, SPEC_VERSIONS, type CloudEvent } from './cloud-event';
import { parseBinaryEvent } from './parse-binary';
import { parseStructuredEvent } from './parse-structured';
import { validateCloudEvent } from './validate';

export const STRUCTURED_MEDIA_TYPE = 'application/cloudevents+json';
export const BATCH_MEDIA_TYPE = 'application/cloudevents-batch+json';

/**
 * Decodes and validates a `/publish` request (reference 2.4.1): structured, batch (refused),
 * binary, or neither. Throws CloudEventParseError with the 400 text.
 */
export function parseCloudEventRequest(headers: IncomingHttpHeaders, body: Buffer): CloudEvent {
  const mediaType = (headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  let event: CloudEvent;
  if (mediaType === STRUCTURED_MEDIA_TYPE) event = parseStructuredEvent(body);
  else if (mediaType === BATCH_MEDIA_TYPE) throw new CloudEventParseError('not supported for batch events');
  else if ((SPEC_VERSIONS as readonly string[]).includes(String(headers['ce-specversion']))) event = parseBinaryEvent(headers, body);
  else throw new CloudEventParseError('unknown Message encoding');
  const invalid = validateCloudEvent(event);
  if (invalid) throw new CloudEventParseError(invalid);
  return event;
}
