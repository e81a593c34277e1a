import {
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { StreamSettings } from './stream-settings';

export function toStreamConfig(settings: StreamSettings): Partial<StreamConfig> & { name: string } {
  return {
    name: settings.name,
    subjects: [`${settings.subjectPrefix}.>`],
    storage: settings.storage === 'file' ? StorageType.File : StorageType.Memory,
    num_replicas: settings.replicas,
    retention: settings.retention === 'interest' ? RetentionPolicy.Interest : RetentionPolicy.Limits,
    discard: settings.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    max_msgs: settings.maxMsgs,
    max_bytes: settings.maxBytes,
    max_msgs_per_subject: settings.maxMsgsPerSubject,
    duplicate_window: nanos(settings.duplicateWindowMs),
    max_consumers: settings.maxConsumers,
  };
}

/**
 * Whether an existing stream differs from the desired one in a field Kyma compares
 * (reference 4.1 streamIsConfiguredCorrectly), plus the duplicate window we rely on.
 */
export function streamNeedsUpdate(existing: StreamConfig, desired: ReturnType<typeof toStreamConfig>): boolean {
  return (
    existing.storage !== desired.storage ||
    existing.num_replicas !== desired.num_replicas ||
    existing.retention !== desired.retention ||
    existing.discard !== desired.discard ||
    existing.max_msgs !== desired.max_msgs ||
    existing.max_bytes !== desired.max_bytes ||
    existing.duplicate_window !== desired.duplicate_window ||
    existing.max_consumers !== desired.max_consumers ||
    JSON.stringify(existing.subjects) !== JSON.stringify(desired.subjects)
  );
}

export type EnsureStreamOutcome = 'created' | 'updated' | 'unchanged';

/** Creates the stream if absent, updates it when a compared field differs (reference 4.1). */
export async function ensureStream(jsm: JetStreamManager, settings: StreamSettings): Promise<EnsureStreamOutcome> {
  const desired = toStreamConfig(settings);
  const existing = await streamInfo(jsm, settings.name);
  if (!existing) {
    await jsm.streams.add(desired);
    return 'created';
  }
  if (!streamNeedsUpdate(existing.config, desired)) return 'unchanged';
  // Storage type and retention cannot change in place; the server says so and we surface it.
  // The client's types call max_consumers immutable; the pinned server changes it in place.
  await jsm.streams.update(settings.name, { ...existing.config, ...desired } as Parameters<typeof jsm.streams.update>[1]);
  return 'updated';
}

/** Stream info, or undefined when the stream does not exist. */
export async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && (err.code === 404 || err.apiError().err_code === 10059 || err.apiError().err_code === 10014);
}
