// Orphan cleanup at start (reference 4.7 "Manager start … dangling consumers"): consumers, dispatch
// specs and summaries that no current Subscription owns are deleted. Run once the initial list
// is complete and before the workers start, so nothing created meanwhile can be mistaken for an
// orphan. Only consumers this controller (or Kyma) made are touched: their name is the hash of
// their description `<ns>/<name>/<subject>`; any other consumer in the stream is left alone.
import { consumerName, subscriptionKey } from '@eventing/jetstream';
import type { Logger } from '@eventing/platform';
import { desiredState, type PlanSettings } from './plan';
import type { JetStreamPort, SpecStore, SubscriptionStore } from './ports';

export interface OrphanReport {
  readonly consumers: string[];
  readonly specs: string[];
  readonly summaries: string[];
}

export function isOwnConsumer(consumer: { name: string; description: string }): boolean {
  const parts = consumer.description.split('/');
  if (parts.length < 3) return false;
  const [namespace, name] = parts as [string, string];
  const subject = parts.slice(2).join('/');
  return consumerName(namespace, name, subject) === consumer.name;
}

export async function cleanUpOrphans(
  deps: { store: SubscriptionStore; jetstream: JetStreamPort; specs: SpecStore; settings: PlanSettings; logger?: Logger },
): Promise<OrphanReport> {
  const { store, jetstream, specs, settings } = deps;
  const subscriptions = await store.list();
  const wanted = new Set<string>();
  const keys = new Set<string>();
  for (const subscription of subscriptions) {
    keys.add(subscriptionKey(subscription.metadata.namespace, subscription.metadata.name));
    for (const consumer of desiredState(subscription, settings).consumers) wanted.add(consumer.name);
    // A consumer recorded in status stays until its Subscription's reconcile decides.
    for (const t of subscription.status?.backend?.types ?? []) wanted.add(t.consumerName);
  }
  await jetstream.ensureStream();
  const report: OrphanReport = { consumers: [], specs: [], summaries: [] };
  for (const [consumer, spec] of [...specs.allSpecs()]) {
    if (wanted.has(consumer) && keys.has(subscriptionKey(spec.subscription.namespace, spec.subscription.name))) continue;
    await specs.deleteSpec(consumer);
    report.specs.push(consumer);
  }
  for (const consumer of await jetstream.listConsumers()) {
    if (wanted.has(consumer.name) || !isOwnConsumer(consumer)) continue;
    await jetstream.deleteConsumer(consumer.name);
    report.consumers.push(consumer.name);
  }
  for (const key of specs.summaryKeys()) {
    if (keys.has(key)) continue;
    const slash = key.indexOf('/');
    await specs.deleteSummary(key.slice(0, slash), key.slice(slash + 1));
    report.summaries.push(key);
  }
  if (report.consumers.length + report.specs.length + report.summaries.length > 0) {
    deps.logger?.info({ orphans: report }, 'orphaned consumers, dispatch specs and summaries deleted');
  }
  return report;
}
