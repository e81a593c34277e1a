// What the subscription controller will do, done by hand for the dispatcher's journeys: the
// stream, one push consumer per subscription type, and its dispatch spec in the KV bucket.
import { Writable } from 'node:stream';
import { nanos } from '@nats-io/transport-node';
import { subscriptionSubject } from '@eventing/event-type';
import {
  DEAD_LETTER_STREAM,
  DEFAULT_STREAM_SETTINGS,
  DISPATCH_SPECS_BUCKET,
  connectNats,
  consumerDescription,
  consumerName,
  createEventPublisher,
  deadLetterSubject,
  deliverGroup,
  deliverSubject,
  ensureStream,
  jetstreamManager,
  openJsonKvStore,
  toConsumerConfig,
  type DispatchSpec,
  type EventPublisher,
  type JsonKvStore,
  type ManagedConnection,
  type ResolvedDeliveryPolicy,
} from '@eventing/jetstream';
import { createLogger } from '@eventing/platform';
import { findFreePort, startApp, type AppProcess } from '@eventing/testing';

export const QUICK_POLICY: ResolvedDeliveryPolicy = { maxDeliveries: 10, initialDelayMs: 50, maxDelayMs: 500, multiplier: 2, timeoutMs: 2_000 };

export interface Fixture {
  readonly connection: ManagedConnection;
  readonly specs: JsonKvStore<DispatchSpec>;
  readonly publisher: EventPublisher;
  close(): Promise<void>;
}

const silent = createLogger({ name: 'e2e', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

export async function openFixture(natsUrl: string): Promise<Fixture> {
  const connection = await connectNats({ url: natsUrl, name: 'e2e-fixture', reconnectWaitMs: 200 }, silent);
  await ensureStream(await jetstreamManager(connection.nc), DEFAULT_STREAM_SETTINGS);
  const specs = await openJsonKvStore<DispatchSpec>(connection.nc, DISPATCH_SPECS_BUCKET, (raw) => raw as DispatchSpec);
  return { connection, specs, publisher: createEventPublisher(connection, 10_000), close: () => connection.close() };
}

export interface SubscriptionOptions {
  readonly name: string;
  readonly sink: string;
  readonly source?: string;
  readonly type?: string;
  readonly typeMatching?: 'standard' | 'exact';
  readonly maxInFlight?: number;
  readonly policy?: Partial<ResolvedDeliveryPolicy>;
  /** Shorter than the production 30 s, so crash recovery fits a test. */
  readonly ackWaitMs?: number;
}

/** Creates the push consumer (deliver group, explicit ack) and writes its dispatch spec. */
export async function subscribe(fixture: Fixture, options: SubscriptionOptions): Promise<DispatchSpec> {
  const namespace = 'e2e';
  const source = options.source ?? 'myapp';
  const type = options.type ?? `${options.name}.created.v1`;
  const typeMatching = options.typeMatching ?? 'standard';
  const subject = subscriptionSubject({ subjectPrefix: 'kyma', typeMatching, source, cleanType: type });
  const consumer = consumerName(namespace, options.name, subject);
  const maxInFlight = options.maxInFlight ?? 10;
  const jsm = await jetstreamManager(fixture.connection.nc);
  await jsm.consumers.add(DEFAULT_STREAM_SETTINGS.name, {
    ...toConsumerConfig({
      name: consumer,
      description: consumerDescription(namespace, options.name, subject),
      filterSubject: subject,
      deliverSubject: deliverSubject(consumer),
      deliverGroup: deliverGroup(consumer),
      maxAckPending: maxInFlight,
      deliverPolicy: 'all',
    }),
    ...(options.ackWaitMs !== undefined ? { ack_wait: nanos(options.ackWaitMs) } : {}),
  });
  const spec: DispatchSpec = {
    consumer,
    stream: DEFAULT_STREAM_SETTINGS.name,
    subject,
    deliverSubject: deliverSubject(consumer),
    deliverGroup: deliverGroup(consumer),
    subscription: { namespace, name: options.name },
    sink: options.sink,
    typeMatching,
    source,
    originalType: type,
    cleanType: type,
    maxInFlight,
    policy: { ...QUICK_POLICY, ...options.policy },
  };
  await fixture.specs.put(consumer, spec);
  return spec;
}

/** Stores events as the publisher proxy does (ADR 0003): binary mode, generic-builder type. */
export async function publishEvents(fixture: Fixture, spec: DispatchSpec, count: number, idPrefix = 'e', concurrency = 200): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${idPrefix}-${i}`);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      await fixture.publisher.publish({
        subject: spec.subject,
        headers: {
          'ce-specversion': '1.0',
          'ce-id': id,
          'ce-source': spec.source,
          'ce-type': spec.subject,
          'ce-originaltype': spec.originalType,
          'content-type': 'application/json',
        },
        data: new TextEncoder().encode(JSON.stringify({ id })),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return ids;
}

/** The dead letter stored for a consumer (the newest), with its headers. */
export async function lastDeadLetter(fixture: Fixture, consumer: string): Promise<{ headers: Record<string, string>; data: string } | undefined> {
  const jsm = await jetstreamManager(fixture.connection.nc);
  try {
    const stored = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: deadLetterSubject(consumer) });
    if (!stored) return undefined;
    const headers: Record<string, string> = {};
    for (const [name, values] of stored.header) headers[name] = values[0] ?? '';
    return { headers, data: new TextDecoder().decode(stored.data) };
  } catch {
    return undefined;
  }
}

export interface DispatcherProcess {
  readonly app: AppProcess;
  readonly metricsPort: number;
  /** GET /readyz answered 200. */
  ready(): Promise<boolean>;
  /** The value of one sample from the replica's /metrics, 0 when absent. */
  metric(sample: string): Promise<number>;
}

export async function startDispatcher(natsUrl: string, env: Record<string, string> = {}): Promise<DispatcherProcess> {
  const healthPort = await findFreePort();
  const metricsPort = await findFreePort();
  const app = await startApp(
    'dispatcher',
    { NATS_URL: natsUrl, HEALTH_PORT: String(healthPort), METRICS_PORT: String(metricsPort), BIND_ADDRESS: '127.0.0.1', SHUTDOWN_GRACE_PERIOD: '5s', ...env },
    healthPort,
  );
  return {
    app,
    metricsPort,
    ready: async () => (await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status === 200,
    metric: async (sample) => {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
      return line ? Number(line.slice(sample.length + 1)) : 0;
    },
  };
}
