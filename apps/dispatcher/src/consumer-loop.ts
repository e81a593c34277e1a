// Binds to one push consumer through its deliver group and hands each message to the handler
// (SPEC section 5, reference 4.3, ADR 0006). A lifecycle object: it re-arms itself with backoff
// when binding fails or the consumer disappears, and stops gracefully.
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { millis } from '@nats-io/transport-node';
import { ACK_WAIT_MS, type DispatchSpec } from '@eventing/jetstream';
import { exponentialDelayMs, sleep, type Logger } from '@eventing/platform';
import { guardMessage, type DeliveryMessage, type GuardedMessage } from './delivery-message';
import type { MessageHandler } from './message-handler';
import type { DispatcherMetrics } from './metrics';

export const REBIND_INITIAL_DELAY_MS = 100;
export const REBIND_MAX_DELAY_MS = 5_000;

export interface ConsumerLoopDependencies {
  readonly js: JetStreamClient;
  readonly handle: MessageHandler;
  readonly metrics: Pick<DispatcherMetrics, 'addInFlight'>;
  readonly logger: Logger;
}

export interface ConsumerLoop {
  readonly consumer: string;
  /** A changed sink or policy applies from the next attempt on; no rebind needed. */
  update(spec: DispatchSpec): void;
  /**
   * Stops taking messages, waits up to `drainMs` for deliveries in flight, then gives the rest back
   * for immediate redelivery (nak without delay).
   */
  stop(drainMs: number): Promise<void>;
  /** True while subscribed to the consumer's deliver subject. */
  bound(): boolean;
  inFlight(): number;
}

export function startConsumerLoop(initial: DispatchSpec, deps: ConsumerLoopDependencies): ConsumerLoop {
  const logger = deps.logger.child({ consumer: initial.consumer, subscription: `${initial.subscription.namespace}/${initial.subscription.name}` });
  let spec = initial;
  let stopped = false;
  let messages: ConsumerMessages | undefined;
  const stopSignal = new AbortController();
  const inFlight = new Set<GuardedMessage>();
  let onIdle: (() => void) | undefined;

  const dispatch = (raw: JsMsg, ackWaitMs: number): void => {
    let message: GuardedMessage;
    try {
      message = guardMessage(fromJsMsg(raw));
    } catch (err) {
      // Unreadable delivery metadata; an exception here would end the subscription.
      logger.error({ err, subject: raw.subject }, 'cannot read a delivered message, leaving it for redelivery');
      return;
    }
    inFlight.add(message);
    deps.metrics.addInFlight(1);
    deps
      .handle(message, spec, ackWaitMs)
      .catch((err: unknown) => {
        // A bug, not a sink failure: give the event back rather than lose it.
        logger.error({ err, eventId: message.headers['ce-id'] }, 'delivery crashed, will retry');
        message.nak(spec.policy.initialDelayMs);
      })
      .finally(() => {
        inFlight.delete(message);
        deps.metrics.addInFlight(-1);
        if (inFlight.size === 0) onIdle?.();
      });
  };

  const bindOnce = async (): Promise<Error | void> => {
    const consumer = await deps.js.consumers.getPushConsumer(spec.stream, spec.consumer);
    const info = await consumer.info(true);
    if (!info.config.deliver_group) logger.warn('consumer has no deliver group; only one replica can bind it');
    const ackWaitMs = info.config.ack_wait ? millis(info.config.ack_wait) : ACK_WAIT_MS;
    if (stopped) return;
    const iterator = await consumer.consume({ callback: (m) => dispatch(m, ackWaitMs) });
    messages = iterator;
    if (stopped) iterator.stop();
    logger.debug({ deliverSubject: info.config.deliver_subject, ackWaitMs }, 'bound to consumer');
    void (async () => {
      for await (const status of iterator.status()) {
        if (status.type === 'consumer_deleted') {
          // Rebind once it is back: its configuration (ack wait) may have changed.
          logger.warn('consumer deleted, rebinding');
          iterator.stop();
        }
      }
    })().catch(() => undefined);
    return iterator.closed();
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      try {
        const ended = await bindOnce();
        messages = undefined;
        if (stopped) break;
        failures = 1;
        if (ended instanceof Error) logger.warn({ err: ended }, 'consumer subscription ended, rebinding');
      } catch (err) {
        messages = undefined;
        if (stopped) break;
        failures += 1;
        logger[failures === 1 ? 'warn' : 'debug']({ err, failures }, 'cannot bind to consumer, retrying');
      }
      await sleep(exponentialDelayMs(failures, REBIND_INITIAL_DELAY_MS, REBIND_MAX_DELAY_MS), stopSignal.signal);
    }
  };
  const running = run();

  return {
    consumer: initial.consumer,
    update: (next) => {
      spec = next;
    },
    bound: () => messages !== undefined,
    inFlight: () => inFlight.size,
    stop: async (drainMs) => {
      stopped = true;
      stopSignal.abort();
      messages?.stop();
      await running;
      if (inFlight.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, drainMs);
          onIdle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      for (const message of inFlight) message.release();
    },
  };
}

/** nats.js message → our port. Header names lower-cased; the publisher writes them so already. */
export function fromJsMsg(m: JsMsg): DeliveryMessage {
  const headers: Record<string, string> = {};
  if (m.headers) {
    for (const [name, values] of m.headers) {
      if (values.length > 0) headers[name.toLowerCase()] = values[0]!;
    }
  }
  const info = m.info;
  return {
    subject: m.subject,
    headers,
    data: m.data,
    deliveryCount: info.deliveryCount,
    streamSequence: info.streamSequence,
    storedAtMs: Math.floor(info.timestampNanos / 1e6),
    ack: () => m.ack(),
    nak: (delayMs) => m.nak(delayMs),
    term: (reason) => m.term(reason),
    working: () => m.working(),
  };
}
