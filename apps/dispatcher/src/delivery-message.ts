/**
 * Our own port over one JetStream message (the consumer loop adapts nats.js' JsMsg to it), so
 * delivery and settlement are tested with plain fakes.
 */
export interface DeliveryMessage {
  readonly subject: string;
  /** Stored headers with lower-case names: `ce-*` and `content-type` (ADR 0003). */
  readonly headers: Readonly<Record<string, string>>;
  readonly data: Uint8Array;
  /** 1-based delivery count from the reply subject: the attempt number settle() needs. */
  readonly deliveryCount: number;
  readonly streamSequence: number;
  /** When the event was stored, for end-to-end latency. */
  readonly storedAtMs: number;
  /** Fire-and-forget acknowledgements (performance.md 7.6: `ack()`, not `ackAck()`). */
  ack(): void;
  nak(delayMs: number): void;
  term(reason: string): void;
  /** `+WPI`: restarts the ack-wait timer while a long step is still running. */
  working(): void;
}

/**
 * Wraps a message so that only its first settlement reaches the server: after a shutdown
 * released it (nak without delay), a late sink answer must not ack or nak it again.
 */
export interface GuardedMessage extends DeliveryMessage {
  readonly settled: boolean;
  /** Gives the message back for immediate redelivery (graceful shutdown past its grace period). */
  release(): void;
}

export function guardMessage(message: DeliveryMessage): GuardedMessage {
  let settled = false;
  const once =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      if (settled) return;
      settled = true;
      fn(...args);
    };
  return {
    subject: message.subject,
    headers: message.headers,
    data: message.data,
    deliveryCount: message.deliveryCount,
    streamSequence: message.streamSequence,
    storedAtMs: message.storedAtMs,
    get settled() {
      return settled;
    },
    ack: once(() => message.ack()),
    nak: once((delayMs: number) => message.nak(delayMs)),
    term: once((reason: string) => message.term(reason)),
    release: once(() => message.nak(0)),
    working: () => {
      if (!settled) message.working();
    },
  };
}
