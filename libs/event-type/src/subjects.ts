// NATS subjects on both sides of the stream, and the type the sink finally sees:
// publish side reference 2.10, subscription side 4.2, dispatch side 4.5 step 3.
import { cleanJetStreamEventType, cleanJetStreamSource } from './jetstream-cleaner';

/** Kyma's subject prefix (EPP hard-codes it; the manager reads JS_STREAM_SUBJECT_PREFIX). */
export const DEFAULT_SUBJECT_PREFIX = 'kyma';

export const TYPE_MATCHING = { standard: 'standard', exact: 'exact' } as const;

export type TypeMatching = (typeof TYPE_MATCHING)[keyof typeof TYPE_MATCHING];

/**
 * Reference 2.10: `kyma.` + type only when the type starts with EVENT_TYPE_PREFIX (the prefixed
 * path); the generic builder's output already starts with `kyma.` and is used as is.
 * `sap.kyma.custom.noapp.order.created.v1` → `kyma.sap.kyma.custom.noapp.order.created.v1`.
 */
export function publishSubject(type: string, eventTypePrefix: string, subjectPrefix = DEFAULT_SUBJECT_PREFIX): string {
  return type.startsWith(eventTypePrefix) ? `${subjectPrefix}.${type}` : type;
}

/** `status.types[].cleanType` (reference 4.2): exact → unchanged, standard → JetStream-cleaned. */
export function cleanSubscriptionType(type: string, typeMatching: TypeMatching): string {
  return typeMatching === TYPE_MATCHING.exact ? type : cleanJetStreamEventType(type);
}

export interface SubscriptionSubjectOptions {
  readonly subjectPrefix: string;
  readonly typeMatching: TypeMatching;
  /** `spec.source`, raw (the subscription side never consults Application CRs). */
  readonly source: string;
  /** The type after `cleanSubscriptionType`. */
  readonly cleanType: string;
}

/**
 * Reference 4.2: exact → `<prefix>.<cleanType>`; standard → `<prefix>.<jsCleanSource(source)>.<cleanType>`,
 * e.g. source `noapp`, type `order.created.v1` → `kyma.noapp.order.created.v1`.
 */
export function subscriptionSubject(options: SubscriptionSubjectOptions): string {
  const { subjectPrefix, typeMatching, source, cleanType } = options;
  if (typeMatching === TYPE_MATCHING.exact) return `${subjectPrefix}.${cleanType}`;
  return `${subjectPrefix}.${cleanJetStreamSource(source)}.${cleanType}`;
}

export interface RevertEventTypeOptions {
  /** The type of the stored event. */
  readonly type: string;
  /** The stored event's `source`. */
  readonly source: string;
  /** The `originaltype` extension, if present. */
  readonly originalType?: string;
  readonly subjectPrefix: string;
}

/**
 * The type the sink receives (reference 4.5 step 3, quirk 6.1): a non-empty `originaltype` wins;
 * otherwise a leading `<subjectPrefix>.<source>.` is stripped. `originaltype` stays on the event.
 */
export function revertEventType(options: RevertEventTypeOptions): string {
  const { type, source, originalType, subjectPrefix } = options;
  if (originalType !== undefined && originalType !== '') return originalType;
  const leading = `${subjectPrefix}.${source}.`;
  return type.startsWith(leading) ? type.slice(leading.length) : type;
}
