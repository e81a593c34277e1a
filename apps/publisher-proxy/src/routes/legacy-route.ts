import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { PublishError } from '@eventing/jetstream';
import { legacyDeduplicationKey, legacyErrorBody, legacySuccessBody, parseLegacyRequest, toGenericCloudEvent, toPrefixedCloudEvent, type LegacyCloudEvent } from '@eventing/legacy-events';
import type { Logger } from '@eventing/platform';
import type { CloudEvent } from '../cloudevents/cloud-event';
import { EventRoutingError, type ApplicationLookup } from '../event-routing';
import { readBody } from '../http/read-body';
import { validateCloudEvent } from '../cloudevents/validate';
import { respondJson } from '../http/respond';
import type { PublishService } from '../publish-service';

export interface LegacyRouteOptions {
  readonly maxBodyBytes: number;
  readonly eventTypePrefix: string;
  readonly legacyNamespace: string;
  readonly applications: ApplicationLookup;
  readonly newId?: () => string;
}

/**
 * `POST /{application}/v1/events` (reference 2.5): Kyma's validation order and error bodies,
 * then the two conversions of 2.5.3 so that sinks of `standard` and `exact` subscriptions both
 * receive the event. Both are published concurrently; the answer waits for both acks.
 */
export function createLegacyRoute(service: PublishService, options: LegacyRouteOptions, logger: Logger) {
  const newId = options.newId ?? randomUUID;
  return async (req: IncomingMessage, res: ServerResponse, app: string): Promise<void> => {
    // Like Go's MaxBytesReader, an oversized body is decoded as far as the limit allows: a value
    // that ends within it is still accepted, one that does not is a 413 (reference 2.3).
    const read = await readBody(req, options.maxBodyBytes, true);
    if (!read.ok && read.reason === 'aborted') {
      res.setHeader('connection', 'close');
      respondJson(res, 400, legacyErrorBody.badPayload('unexpected EOF'));
      return;
    }
    if (!read.ok) res.setHeader('connection', 'close');
    const body = read.ok ? read.body : (read.head ?? Buffer.alloc(0));
    const parsed = parseLegacyRequest(body, declaredLength(req), { maxBytes: options.maxBodyBytes });
    if (!parsed.ok) {
      respondJson(res, parsed.status, parsed.body);
      return;
    }
    try {
      const generic = fromLegacyEvent(toGenericCloudEvent(parsed.request, app, newId));
      const prefixed = fromLegacyEvent(toPrefixedCloudEvent(parsed.request, app, {
        eventTypePrefix: options.eventTypePrefix,
        legacyNamespace: options.legacyNamespace,
        resolveApp: (name: string) => options.applications.find(name),
        newId,
      }));
      const invalid = validateCloudEvent(generic);
      if (invalid) throw new EventRoutingError(invalid.trimEnd());
      // Every application's step-B events share the source `kyma`: the library's key scopes them by app.
      await Promise.all([
        service.publish(generic, req.headers, 'legacy-a'),
        service.publish(prefixed, req.headers, legacyDeduplicationKey(app, prefixed)),
      ]);
      respondJson(res, 200, legacySuccessBody(prefixed.id));
    } catch (err) {
      if (err instanceof EventRoutingError) {
        respondJson(res, 400, legacyErrorBody.badPayload(err.message));
      } else if (err instanceof PublishError) {
        logger.warn({ status: err.status, err: err.message }, 'legacy publish failed');
        respondJson(res, err.status, legacyErrorBody.backend(err.status, err.message));
      } else {
        logger.error({ err }, 'unexpected legacy publish failure');
        respondJson(res, 500, legacyErrorBody.backend(500, 'internal error'));
      }
    }
  };
}

const encoder = new TextEncoder();

function fromLegacyEvent(event: LegacyCloudEvent): CloudEvent {
  return {
    specversion: event.specversion,
    id: event.id,
    source: event.source,
    type: event.type,
    ...(event.time !== undefined ? { time: event.time } : {}),
    ...(event.datacontenttype !== undefined ? { datacontenttype: event.datacontenttype } : {}),
    extensions: { ...event.extensions },
    data: encoder.encode(event.data),
  };
}

/**
 * Content-Length as Go's server reports it: the header's value, 0 when the request has neither
 * a length nor chunked encoding (no body), undefined (Go's -1) when chunked.
 */
function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header !== undefined) return Number(header);
  return req.headers['transfer-encoding'] === undefined ? 0 : undefined;
}
