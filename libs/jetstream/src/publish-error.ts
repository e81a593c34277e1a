import { errors } from '@nats-io/transport-node';
import { JetStreamApiError } from '@nats-io/jetstream';
// The client's "no responders" class is exported only from its internal entry point.
import { jserrors } from '@nats-io/jetstream/internal';

/**
 * A publish that did not reach durable storage, with the HTTP status the proxy answers
 * (reference 2.10; SPEC section 2). Translated once, here: nothing above matches on error text.
 */
export class PublishError extends Error {
  override name = 'PublishError';
  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const PUBLISH_ERROR_TEXT = {
  notConnected: 'no connection to NATS JetStream server',
  noStream: 'cannot send to stream',
  storageFull: 'insufficient resources on target stream',
  internal: 'internal error on backend',
  timeout: 'timeout while waiting for the stream to acknowledge',
} as const;

/** JetStream API error code for a failed store (e.g. `maximum bytes exceeded`). */
const STORE_FAILED_CODE = 10077;
/** JetStream API error for `maximum messages exceeded` / `maximum bytes exceeded` on discard new. */
const RESOURCE_LIMIT_CODES = new Set([STORE_FAILED_CODE, 10047, 10028]);

export function toPublishError(err: unknown): PublishError {
  if (err instanceof PublishError) return err;
  if (err instanceof JetStreamApiError) {
    const api = err.apiError();
    const text = api.description ?? err.message;
    if (RESOURCE_LIMIT_CODES.has(api.err_code ?? 0) || /maximum (bytes|messages) exceeded|no space left on device|insufficient resources/i.test(text)) {
      return new PublishError(507, PUBLISH_ERROR_TEXT.storageFull, { cause: err });
    }
    if (api.code === 503 && /no (stream|responders)/i.test(text)) return new PublishError(504, PUBLISH_ERROR_TEXT.noStream, { cause: err });
    return new PublishError(api.code >= 400 && api.code < 600 ? api.code : 500, text, { cause: err });
  }
  // nats.js reports "no responders" on a publish as JetStreamNotEnabled: no stream takes the subject.
  if (err instanceof jserrors.JetStreamNotEnabled || err instanceof errors.NoRespondersError || (err instanceof errors.RequestError && err.isNoResponders())) {
    return new PublishError(504, PUBLISH_ERROR_TEXT.noStream, { cause: err });
  }
  if (err instanceof errors.ClosedConnectionError || err instanceof errors.DrainingConnectionError || err instanceof errors.ConnectionError) {
    return new PublishError(502, PUBLISH_ERROR_TEXT.notConnected, { cause: err });
  }
  if (err instanceof errors.TimeoutError) return new PublishError(500, PUBLISH_ERROR_TEXT.internal, { cause: err });
  if (err instanceof Error && /no space left on device/i.test(err.message)) {
    return new PublishError(507, PUBLISH_ERROR_TEXT.storageFull, { cause: err });
  }
  return new PublishError(500, PUBLISH_ERROR_TEXT.internal, { cause: err });
}
