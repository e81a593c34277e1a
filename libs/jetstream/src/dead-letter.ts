import { DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { streamInfo } from './stream-admin';

/**
 * The dead-letter store (SPEC section 10): a stream of its own, limits retention, holding every
 * event the dispatcher could not deliver, with the reason in headers. Subject per consumer.
 */
export const DEAD_LETTER_STREAM = 'eventing-dead-letters';
export const DEAD_LETTER_SUBJECT_PREFIX = 'eventing.deadletter';

export const DEAD_LETTER_HEADERS = {
  reason: 'eventing-dl-reason',
  attempts: 'eventing-dl-attempts',
  lastStatus: 'eventing-dl-last-status',
  subscription: 'eventing-dl-subscription',
  consumer: 'eventing-dl-consumer',
  sink: 'eventing-dl-sink',
  time: 'eventing-dl-time',
  subject: 'eventing-dl-original-subject',
} as const;

export function deadLetterSubject(consumer: string): string {
  return `${DEAD_LETTER_SUBJECT_PREFIX}.${consumer}`;
}

export function deadLetterStreamConfig(storage: 'file' | 'memory' = 'file'): Partial<StreamConfig> & { name: string } {
  return {
    name: DEAD_LETTER_STREAM,
    subjects: [`${DEAD_LETTER_SUBJECT_PREFIX}.>`],
    storage: storage === 'file' ? StorageType.File : StorageType.Memory,
    retention: RetentionPolicy.Limits,
    // Keep the newest dead letters if the store fills: an old failure matters less than a new one.
    discard: DiscardPolicy.Old,
    max_bytes: 1024 * 1024 * 1024,
  };
}

export async function ensureDeadLetterStream(jsm: JetStreamManager, storage: 'file' | 'memory' = 'file'): Promise<void> {
  if (!(await streamInfo(jsm, DEAD_LETTER_STREAM))) await jsm.streams.add(deadLetterStreamConfig(storage));
}
