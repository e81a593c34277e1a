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
  return {
    async publish(message) {
      // While disconnected the client would buffer and wait; answer at once instead (reference 2.10).
      if (connection.state() !== 'connected') throw new PublishError(502, PUBLISH_ERROR_TEXT.notConnected);
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
        throw toPublishError(err);
      }
    },
  };
}
