import { headers as natsHeaders } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { ManagedConnection } from './connection';
import { PUBLISH_ERROR_TEXT, PublishError, toPublishError } from './publish-error';

/**
 * One event as it is stored in the stream: CloudEvents binary mode over NATS — attributes and
 * extensions as `ce-*` headers, `content-type`, and the data bytes as the payload (ADR 0003).
 */
export interface EventMessage {
  readonly subject: string;
  /** Lower-case header names: `ce-specversion`, `ce-id`, `ce-source`, `ce-type`, … and `content-type`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly data: Uint8Array;
  /** JetStream de-duplication id (`Nats-Msg-Id`). */
  readonly msgId?: string;
}

export interface PublishResult {
  readonly stream: string;
  readonly seq: number;
  /** True when the stream had this message id already (a retry inside the duplicate window). */
  readonly duplicate: boolean;
}

export interface EventPublisher {
  /** Resolves only once JetStream acknowledged the write; rejects with a PublishError. */
  publish(message: EventMessage): Promise<PublishResult>;
}

export function createEventPublisher(connection: ManagedConnection, timeoutMs: number): EventPublisher {
  const js: JetStreamClient = jetstream(connection.nc, { timeout: timeoutMs });
  // Connection losses so far: a publish pending across one can never get its ack (the reply went
  // to the old connection), so it ends as a timeout although the cause was the lost connection.
  let drops = 0;
  connection.onStateChange((state) => {
    if (state !== 'connected') drops += 1;
  });
  return {
    async publish(message) {
      // While disconnected the client would buffer and wait; answer at once instead (reference 2.10).
      if (connection.state() !== 'connected') throw new PublishError(502, PUBLISH_ERROR_TEXT.notConnected);
      const dropsBefore = drops;
      const h = natsHeaders();
      // append, not set: keys are unique here, and set() first searches and deletes (O(n²)).
      for (const key in message.headers) h.append(key, message.headers[key]!);
      try {
        const ack = await js.publish(message.subject, message.data, {
          headers: h,
          timeout: timeoutMs,
          ...(message.msgId !== undefined ? { msgID: message.msgId } : {}),
        });
        return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
      } catch (err) {
        const error = toPublishError(err);
        // Found by the reliability suite (NATS restart under load): answer what happened, the
        // connection went away (502, reference 2.10), rather than 500 "internal error".
        if (error.status === 500 && drops !== dropsBefore) throw new PublishError(502, PUBLISH_ERROR_TEXT.notConnected, { cause: err });
        throw error;
      }
    },
  };
}
