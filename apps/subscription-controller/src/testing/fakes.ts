// In-memory fakes of the reconciler's ports, for table-driven tests without I/O.
import type { ConsumerSpec, DispatchSpec, SubscriptionSummary } from '@eventing/jetstream';
import { parseSubscription, type Subscription, type SubscriptionStatus } from '@eventing/subscription-api';
import type { JetStreamPort, ObservedConsumer, ServiceLookup, SpecStore, SubscriptionStore } from '../subscription/ports';

export function subscription(overrides: { name?: string; namespace?: string; spec?: Record<string, unknown>; metadata?: Record<string, unknown>; status?: SubscriptionStatus } = {}): Subscription {
  const namespace = overrides.namespace ?? 'ns';
  return parseSubscription({
    apiVersion: 'eventing.kyma-project.io/v1alpha2',
    kind: 'Subscription',
    metadata: { name: overrides.name ?? 'sub', namespace, generation: 1, finalizers: ['eventing.kyma-project.io'], ...overrides.metadata },
    spec: { sink: `http://sink.${namespace}.svc.cluster.local/events`, source: 'myapp', types: ['order.created.v1'], ...overrides.spec },
    ...(overrides.status ? { status: overrides.status } : {}),
  });
}

export class FakeStore implements SubscriptionStore {
  readonly objects = new Map<string, Subscription>();
  readonly statusWrites: SubscriptionStatus[] = [];
  constructor(readonly usesFinalizers = true) {}
  put(s: Subscription): void {
    this.objects.set(`${s.metadata.namespace}/${s.metadata.name}`, s);
  }
  async get(key: string) {
    return this.objects.get(key);
  }
  async list() {
    return [...this.objects.values()];
  }
  async updateFinalizers(s: Subscription, finalizers: readonly string[]) {
    this.put({ ...s, metadata: { ...s.metadata, finalizers: [...finalizers] } });
  }
  async updateStatus(s: Subscription, status: SubscriptionStatus) {
    this.statusWrites.push(status);
    const current = this.objects.get(`${s.metadata.namespace}/${s.metadata.name}`) ?? s;
    this.put({ ...current, status });
  }
}

export class FakeJetStream implements JetStreamPort {
  readonly consumers = new Map<string, ObservedConsumer>();
  readonly calls: string[] = [];
  down = false;
  private check() {
    if (this.down) throw new Error('failed to connect to NATS JetStream: connection is disconnected');
  }
  async ensureStream() {
    this.check();
  }
  async getConsumer(name: string) {
    this.check();
    return this.consumers.get(name);
  }
  private toObserved(spec: ConsumerSpec): ObservedConsumer {
    const { name, description, filterSubject, deliverSubject, deliverGroup, maxAckPending } = spec;
    return { name, description, filterSubject, deliverSubject, deliverGroup, maxAckPending };
  }
  async createConsumer(spec: ConsumerSpec) {
    this.check();
    this.calls.push(`create ${spec.name}`);
    this.consumers.set(spec.name, this.toObserved(spec));
  }
  async updateConsumer(spec: ConsumerSpec) {
    this.check();
    this.calls.push(`update ${spec.name}`);
    this.consumers.set(spec.name, this.toObserved(spec));
  }
  async deleteConsumer(name: string) {
    this.check();
    this.calls.push(`delete ${name}`);
    this.consumers.delete(name);
  }
  async listConsumers() {
    this.check();
    return [...this.consumers.values()];
  }
}

export class FakeSpecStore implements SpecStore {
  readonly specs = new Map<string, DispatchSpec>();
  readonly summaries = new Map<string, SubscriptionSummary>();
  specsOf(namespace: string, name: string) {
    return new Map([...this.specs].filter(([, s]) => s.subscription.namespace === namespace && s.subscription.name === name));
  }
  allSpecs() {
    return this.specs;
  }
  async putSpec(spec: DispatchSpec) {
    this.specs.set(spec.consumer, spec);
  }
  async deleteSpec(consumer: string) {
    this.specs.delete(consumer);
  }
  summaryOf(namespace: string, name: string) {
    return this.summaries.get(`${namespace}/${name}`);
  }
  summaryKeys() {
    return [...this.summaries.keys()];
  }
  async putSummary(summary: SubscriptionSummary) {
    this.summaries.set(`${summary.namespace}/${summary.name}`, summary);
  }
  async deleteSummary(namespace: string, name: string) {
    this.summaries.delete(`${namespace}/${name}`);
  }
}

export class FakeServices implements ServiceLookup {
  readonly existing = new Set<string>();
  async exists(namespace: string, name: string) {
    return this.existing.has(`${namespace}/${name}`);
  }
}
