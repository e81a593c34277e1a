import type { IncomingMessage, ServerResponse } from 'node:http';
import { PublishError } from '@eventing/jetstream';
import { CloudEventParseError } from '../cloudevents/cloud-event';
import { parseCloudEventRequest } from '../cloudevents/parse-request';
import { EventRoutingError } from '../event-routing';
import { readBody } from '../http/read-body';
import { respond, respondAndClose } from '../http/respond';
import type { PublishService } from '../publish-service';
import type { Logger } from '@eventing/platform';

/** Kyma's text for an oversized `/publish` body (reference 2.3). */
export const BODY_TOO_LARGE_TEXT = 'http: request body too large';

/**
 * `POST /publish` (reference 2.4): 204 only after JetStream acknowledged the write; 400 with a
 * plain-text reason for a bad event; the mapped backend status with an empty body otherwise.
 */
export function createPublishRoute(service: PublishService, maxBodyBytes: number, logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const read = await readBody(req, maxBodyBytes);
    if (!read.ok) {
      respondAndClose(res, 400, read.reason === 'too-large' ? BODY_TOO_LARGE_TEXT : 'request body could not be read');
      return;
    }
    try {
      const event = parseCloudEventRequest(req.headers, read.body);
      await service.publish(event, req.headers);
      respond(res, 204);
    } catch (err) {
      if (err instanceof CloudEventParseError || err instanceof EventRoutingError) {
        respond(res, 400, err.message);
      } else if (err instanceof PublishError) {
        logger.warn({ status: err.status, err: err.message, cause: (err.cause as Error | undefined)?.message }, 'publish failed');
        respond(res, err.status);
      } else {
        logger.error({ err }, 'unexpected publish failure');
        respond(res, 500);
      }
    }
  };
}
