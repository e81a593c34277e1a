import { SUBSCRIPTIONS_BUCKET, openJsonKvStore, type SubscriptionSummary } from '@eventing/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@eventing/platform';
import type { SubscriptionCatalog } from './routes/subscribed-route';

/**
 * The Subscriptions as the controller publishes them into NATS (SPEC section 1: the proxy reads
 * "the controller's published state in NATS"), kept in memory by a KV watch.
 */
export async function watchSubscriptionCatalog(nc: NatsConnection, logger: Logger, signal: AbortSignal): Promise<SubscriptionCatalog> {
  const store = await openJsonKvStore(nc, SUBSCRIPTIONS_BUCKET, (raw) => raw as SubscriptionSummary);
  const current = new Map<string, SubscriptionSummary>();
  const loop = async (): Promise<void> => {
    while (!signal.aborted) {
      try {
        await store.watch((change) => {
          if (change.kind === 'put') current.set(change.key, change.value);
          else current.delete(change.key);
        }, signal);
      } catch (err) {
        logger.warn({ err }, 'subscription catalog watch ended, restarting');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  void loop();
  return { all: () => [...current.values()] };
}
