import type { IncomingHttpHeaders } from 'node:http';
import { TRACE_HEADER_EXTENSIONS } from '@eventing/event-type';
import { messageId, type EventMessage } from '@eventing/jetstream';
import type { CloudEvent } from './cloudevents/cloud-event';
import type { RoutedEvent } from './event-routing';

/** Node lower-cases request header names; the table is lower-cased once, not per request. */
const TRACE_REQUEST_HEADERS = TRACE_HEADER_EXTENSIONS.map(({ header, extension }) => ({ header: header.toLowerCase(), extension }));

/**
 * The stored message: CloudEvents binary mode over NATS (ADR 0003). Request trace headers
 * become extensions (reference 2.11); the message id makes a retried publish idempotent.
 */
export function toEventMessage(
  event: CloudEvent,
  routed: RoutedEvent,
  requestHeaders: IncomingHttpHeaders,
  dedupeScope = '',
  producerTraceparent?: string,
): EventMessage {
  const headers: Record<string, string> = {
    'ce-specversion': event.specversion,
    'ce-id': event.id,
    'ce-source': event.source,
    'ce-type': routed.type,
  };
  if (event.time !== undefined) headers['ce-time'] = event.time;
  if (event.subject !== undefined) headers['ce-subject'] = event.subject;
  if (event.dataschema !== undefined) headers['ce-dataschema'] = event.dataschema;
  if (event.datacontenttype !== undefined) headers['content-type'] = event.datacontenttype;
  for (const name in event.extensions) headers[`ce-${name}`] = event.extensions[name]!;
  if (routed.originalType !== undefined) headers['ce-originaltype'] = routed.originalType;
  for (const { header, extension } of TRACE_REQUEST_HEADERS) {
    const value = requestHeaders[header];
    if (typeof value === 'string' && value !== '') headers[`ce-${extension}`] = value;
  }
  // With tracing on, the sink's trace continues from the producer span rather than the request.
  if (producerTraceparent !== undefined) headers['ce-traceparent'] = producerTraceparent;
  return { subject: routed.subject, headers, data: event.data, msgId: messageId(event.source, event.id, dedupeScope) };
}
