import { createHash } from 'node:crypto';

/**
 * Durable consumer name: the first 32 hex chars of SHA-256 of `<namespace>/<name>/<subject>`
 * (reference 4.2), so names are stable across restarts and equal to Kyma's.
 */
export function consumerName(namespace: string, name: string, subject: string): string {
  return createHash('sha256').update(consumerDescription(namespace, name, subject), 'utf8').digest('hex').slice(0, 32);
}

/** Consumer description `<namespace>/<name>/<subject>` (reference 4.3). */
export function consumerDescription(namespace: string, name: string, subject: string): string {
  return `${namespace}/${name}/${subject}`;
}

/** Deliver group shared by all dispatcher replicas of one consumer (SPEC section 5). */
export function deliverGroup(consumer: string): string {
  return `dispatch-${consumer}`;
}

/** Deliver subject of a push consumer: stable per consumer, so rebinding after restarts works. */
export function deliverSubject(consumer: string): string {
  return `_eventing.deliver.${consumer}`;
}

/**
 * JetStream message id for idempotent publish (SPEC section 2): the CloudEvent `source` and `id`
 * identify an event; `scope` keeps apart events that share both on purpose (legacy events of
 * different applications all have source `kyma`; one legacy request is stored twice).
 */
export function messageId(source: string, id: string, scope = ''): string {
  // Length prefixes keep (source, id) pairs apart; short printable keys are used as they are
  // (hashing every event cost measurable CPU), anything else is hashed to a bounded header value.
  const key = `${scope.length}:${scope}${source.length}:${source}${id}`;
  return key.length <= MAX_PLAIN_MSG_ID_LENGTH && PRINTABLE.test(key) ? key : `h:${createHash('sha256').update(key, 'utf8').digest('base64url')}`;
}

const MAX_PLAIN_MSG_ID_LENGTH = 256;
const PRINTABLE = /^[\x21-\x7e]+$/;
