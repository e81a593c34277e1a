// The NATS side of the controller: the JetStreamPort (stream and consumers, through
// @eventing/jetstream) and the SpecStore (dispatch specs and subscription summaries in NATS KV,
// ADR 0005). The KV contents are mirrored in memory — the controller (the leader) is their only
// writer — so a reconcile never lists a bucket or the consumers of the stream (1,000
// subscriptions stay cheap). After a reconnect the stream and buckets are ensured again and the
// mirror reloaded, before the next operation (reference 4.1 "Reconnect handler → re-ensure the stream").
import {
  DISPATCH_SPECS_BUCKET,
  SUBSCRIPTIONS_BUCKET,
  consumerInfo,
  deleteConsumer,
  ensureStream,
  jetstreamManager,
  openJsonKvStore,
  subscriptionKey,
  toConsumerConfig,
  type ConsumerSpec,
  type DispatchSpec,
  type JsonKvStore,
  type ManagedConnection,
  type StreamSettings,
  type SubscriptionSummary,
} from '@eventing/jetstream';
import type { Logger } from '@eventing/platform';
import type { JetStreamPort, ObservedConsumer, SpecStore } from '../subscription/ports';

/** NATS is not connected: reconciles fail fast with this text in the status (reference 4.6). */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

export interface NatsBackend {
  readonly jetstream: JetStreamPort;
  readonly specs: SpecStore;
  /** Forget that the stream was ensured (called on reconnect). */
  invalidate(): void;
}

type ConsumerLike = { name: string; config: { description?: string; filter_subject?: string; deliver_subject?: string; deliver_group?: string; max_ack_pending?: number } };

function toObserved(info: ConsumerLike): ObservedConsumer {
  return {
    name: info.name,
    description: info.config.description ?? '',
    filterSubject: info.config.filter_subject ?? '',
    deliverSubject: info.config.deliver_subject ?? '',
    deliverGroup: info.config.deliver_group ?? '',
    maxAckPending: info.config.max_ack_pending ?? 0,
  };
}

const asDispatchSpec = (raw: unknown) => raw as DispatchSpec;
const asSummary = (raw: unknown) => raw as SubscriptionSummary;

export function createNatsBackend(connection: ManagedConnection, stream: StreamSettings, logger: Logger): NatsBackend {
  const specMirror = new Map<string, DispatchSpec>();
  const specsBySubscription = new Map<string, Map<string, DispatchSpec>>();
  const summaries = new Map<string, SubscriptionSummary>();
  let ready: Promise<{ specKv: JsonKvStore<DispatchSpec>; summaryKv: JsonKvStore<SubscriptionSummary> }> | undefined;

  const connected = () => {
    const state = connection.state();
    if (state !== 'connected') throw new BackendUnavailableError(`failed to connect to NATS JetStream: connection is ${state}`);
  };
  const jsm = () => {
    connected();
    return jetstreamManager(connection.nc);
  };

  const index = (spec: DispatchSpec) => {
    specMirror.set(spec.consumer, spec);
    const key = subscriptionKey(spec.subscription.namespace, spec.subscription.name);
    let owned = specsBySubscription.get(key);
    if (!owned) specsBySubscription.set(key, (owned = new Map()));
    owned.set(spec.consumer, spec);
  };
  const unindex = (consumer: string) => {
    const spec = specMirror.get(consumer);
    specMirror.delete(consumer);
    if (!spec) return;
    const key = subscriptionKey(spec.subscription.namespace, spec.subscription.name);
    const owned = specsBySubscription.get(key);
    owned?.delete(consumer);
    if (owned?.size === 0) specsBySubscription.delete(key);
  };

  const prepare = async () => {
    const manager = await jsm();
    const outcome = await ensureStream(manager, stream);
    if (outcome !== 'unchanged') logger.info({ stream: stream.name, outcome }, 'stream ensured');
    const specKv = await openJsonKvStore(connection.nc, DISPATCH_SPECS_BUCKET, asDispatchSpec, { replicas: stream.replicas });
    const summaryKv = await openJsonKvStore(connection.nc, SUBSCRIPTIONS_BUCKET, asSummary, { replicas: stream.replicas });
    const [specs, subs] = await Promise.all([specKv.list(), summaryKv.list()]);
    specMirror.clear();
    specsBySubscription.clear();
    for (const spec of specs.values()) index(spec);
    summaries.clear();
    for (const [key, summary] of subs) summaries.set(key, summary);
    return { specKv, summaryKv };
  };

  const ensureReady = () => {
    connected();
    ready ??= prepare().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    return ready;
  };

  const jetstream: JetStreamPort = {
    async ensureStream() {
      await ensureReady();
    },
    async getConsumer(name) {
      const info = await consumerInfo(await jsm(), stream.name, name);
      return info ? toObserved(info) : undefined;
    },
    async createConsumer(spec: ConsumerSpec) {
      await (await jsm()).consumers.add(stream.name, toConsumerConfig(spec));
    },
    async updateConsumer(spec: ConsumerSpec) {
      const { max_ack_pending, description, deliver_subject } = toConsumerConfig(spec);
      await (await jsm()).consumers.update(stream.name, spec.name, { max_ack_pending, description, deliver_subject });
    },
    async deleteConsumer(name) {
      await deleteConsumer(await jsm(), stream.name, name);
    },
    async listConsumers() {
      const out: ObservedConsumer[] = [];
      for await (const info of (await jsm()).consumers.list(stream.name)) out.push(toObserved(info));
      return out;
    },
  };

  const specs: SpecStore = {
    specsOf: (namespace, name) => specsBySubscription.get(subscriptionKey(namespace, name)) ?? new Map(),
    allSpecs: () => specMirror,
    async putSpec(spec) {
      await (await ensureReady()).specKv.put(spec.consumer, spec);
      index(spec);
    },
    async deleteSpec(consumer) {
      await (await ensureReady()).specKv.delete(consumer);
      unindex(consumer);
    },
    summaryOf: (namespace, name) => summaries.get(subscriptionKey(namespace, name)),
    summaryKeys: () => [...summaries.keys()],
    async putSummary(summary) {
      const key = subscriptionKey(summary.namespace, summary.name);
      await (await ensureReady()).summaryKv.put(key, summary);
      summaries.set(key, summary);
    },
    async deleteSummary(namespace, name) {
      const key = subscriptionKey(namespace, name);
      await (await ensureReady()).summaryKv.delete(key);
      summaries.delete(key);
    },
  };

  return {
    jetstream,
    specs,
    invalidate() {
      ready = undefined;
    },
  };
}
