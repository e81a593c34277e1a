import { AckPolicy, DeliverPolicy, ReplayPolicy, type ConsumerConfig, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { isNotFound } from './stream-admin';
import type { DeliverPolicyName } from './stream-settings';

/** Ack wait of every consumer (reference 4.3); the dispatcher's request timeout stays below it. */
export const ACK_WAIT_MS = 30_000;

/** The consumer we want for one (subscription, type) (reference 4.3, SPEC section 5). */
export interface ConsumerSpec {
  readonly name: string;
  readonly description: string;
  readonly filterSubject: string;
  readonly deliverSubject: string;
  readonly deliverGroup: string;
  readonly maxAckPending: number;
  readonly deliverPolicy: DeliverPolicyName;
}

const DELIVER_POLICY = {
  all: DeliverPolicy.All,
  last: DeliverPolicy.Last,
  last_per_subject: DeliverPolicy.LastPerSubject,
  new: DeliverPolicy.New,
} as const;

/**
 * Push consumer shared by all dispatcher replicas through a deliver group. `max_deliver` is
 * unlimited because the dispatcher dead-letters by its own count (ADR 0005): the server must
 * never stop delivering a message the dispatcher has not yet dead-lettered.
 */
export function toConsumerConfig(spec: ConsumerSpec): Partial<ConsumerConfig> {
  return {
    durable_name: spec.name,
    name: spec.name,
    description: spec.description,
    filter_subject: spec.filterSubject,
    deliver_subject: spec.deliverSubject,
    deliver_group: spec.deliverGroup,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(ACK_WAIT_MS),
    max_deliver: -1,
    max_ack_pending: spec.maxAckPending,
    deliver_policy: DELIVER_POLICY[spec.deliverPolicy],
    replay_policy: ReplayPolicy.Instant,
  };
}

/** Whether an existing consumer must be updated in place to match the spec. */
export function consumerNeedsUpdate(existing: ConsumerConfig, spec: ConsumerSpec): boolean {
  return (
    existing.max_ack_pending !== spec.maxAckPending ||
    existing.description !== spec.description ||
    existing.deliver_subject !== spec.deliverSubject
  );
}

export async function consumerInfo(jsm: JetStreamManager, stream: string, name: string): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export type EnsureConsumerOutcome = 'created' | 'updated' | 'unchanged';

/** Creates the consumer, or updates the fields that can change in place (reference 4.4 step 6). */
export async function ensureConsumer(jsm: JetStreamManager, stream: string, spec: ConsumerSpec): Promise<EnsureConsumerOutcome> {
  const existing = await consumerInfo(jsm, stream, spec.name);
  if (!existing) {
    await jsm.consumers.add(stream, toConsumerConfig(spec));
    return 'created';
  }
  if (!consumerNeedsUpdate(existing.config, spec)) return 'unchanged';
  // The deliver group is derived from the name, so it never differs for the same consumer.
  const { max_ack_pending, description, deliver_subject } = toConsumerConfig(spec);
  await jsm.consumers.update(stream, spec.name, { max_ack_pending, description, deliver_subject });
  return 'updated';
}

/** Deletes a consumer; a consumer that is already gone counts as deleted (reference 4.7). */
export async function deleteConsumer(jsm: JetStreamManager, stream: string, name: string): Promise<void> {
  try {
    await jsm.consumers.delete(stream, name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Names of every consumer of the stream (for orphan cleanup at start, reference 4.7). */
export async function listConsumerNames(jsm: JetStreamManager, stream: string): Promise<string[]> {
  const names: string[] = [];
  for await (const info of jsm.consumers.list(stream)) names.push(info.name);
  return names;
}
