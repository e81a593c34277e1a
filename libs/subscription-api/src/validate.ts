// Subscription validation (reference 3.4): Kyma's rules 1–19 with their exact texts, plus caps
// against hostile input and our extension fields. Every spec error is collected, then reported
// together; the types rules stop at the first failing type/rule, the sink rules at the first failure.
import { applySpecDefaults } from './defaults';
import { exceedsBytes, invalid, tooLong, tooMany, validationFailureMessage, type FieldError } from './field-errors';
import { goAtoi, goTrimSpace, isGoUriReference } from './go-url';
import { DEFAULT_SINK_POLICY, validateSinkUrl, type SinkPolicy } from './sink';
import { CONFIG_KEYS, TYPE_MATCHING, type Subscription, type SubscriptionSpec } from './types';
import { validateDelivery } from './validate-delivery';

export const MAX_TYPES = 100;
export const MAX_TYPE_LENGTH = 1024;
export const MAX_SOURCE_LENGTH = 1024;
export const MAX_CONFIG_ENTRIES = 64;
export const MAX_CONFIG_VALUE_LENGTH = 1024;
/** Hard-coded in Kyma regardless of the configured EVENT_TYPE_PREFIX (reference 6 #7). */
export const FORBIDDEN_STANDARD_TYPE_PREFIX = 'sap.kyma.custom';

const PATHS = {
  typeMatching: 'spec.typeMatching',
  source: 'spec.source',
  types: 'spec.types',
  config: 'spec.config',
  sink: 'spec.sink',
  namespace: 'metadata.namespace',
} as const;

export interface ValidationOptions {
  readonly sinkPolicy?: SinkPolicy;
}

export type ValidationResult =
  | { readonly valid: true }
  | { readonly valid: false; readonly errors: readonly FieldError[]; readonly message: string };

/**
 * All spec rules for a Subscription (the sink-existence check, which needs the API server, is
 * the caller's: see `sinkServiceRef` and `sinkNotFoundMessage`). CRD defaults are applied first,
 * as the API server would have.
 */
export function validateSubscription(subscription: Pick<Subscription, 'metadata' | 'spec'>, options: ValidationOptions = {}): ValidationResult {
  const errors = validateSpec(subscription.spec, subscription.metadata.namespace, options);
  return errors.length === 0 ? { valid: true } : { valid: false, errors, message: validationFailureMessage(errors) };
}

export function validateSpec(rawSpec: SubscriptionSpec, namespace: string, options: ValidationOptions = {}): FieldError[] {
  const spec = applySpecDefaults(rawSpec);
  const exact = spec.typeMatching === TYPE_MATCHING.exact;
  const sinkPolicy = options.sinkPolicy ?? DEFAULT_SINK_POLICY;
  const errors: (FieldError | undefined)[] = [
    validateTypeMatching(spec.typeMatching),
    validateSource(spec.source, exact),
    validateTypes(spec.types, exact),
    ...validateConfig(spec.config ?? {}),
    typeof spec.sink === 'string'
      ? validateSinkUrl(spec.sink, { field: PATHS.sink, namespaceField: PATHS.namespace, namespace, policy: sinkPolicy })
      : invalid(PATHS.sink, '', 'must not be empty'),
    ...validateDelivery(spec.delivery, { namespace, sinkPolicy }),
  ];
  return errors.filter((e): e is FieldError => e !== undefined);
}

/** Rule 1: empty is invalid too (the CRD default only applies when the field is absent). */
function validateTypeMatching(typeMatching: string | undefined): FieldError | undefined {
  if (typeMatching === TYPE_MATCHING.exact || typeMatching === TYPE_MATCHING.standard) return undefined;
  return invalid(PATHS.typeMatching, typeMatching ?? '', 'must be a valid TypeMatching value exact or standard');
}

/** Rules 2–3. */
function validateSource(source: string | undefined, exact: boolean): FieldError | undefined {
  const value = source ?? '';
  if (exceedsBytes(value, MAX_SOURCE_LENGTH)) return tooLong(PATHS.source, MAX_SOURCE_LENGTH);
  if (value === '' && !exact) return invalid(PATHS.source, value, 'must not be empty');
  if (value !== '' && !isGoUriReference(value)) return invalid(PATHS.source, value, 'must be valid as per RFC 3986');
  return undefined;
}

/** Rules 4–9, stopping at the first failure; caps first so that huge input is never echoed. */
function validateTypes(types: readonly string[] | undefined, exact: boolean): FieldError | undefined {
  if (types === undefined || types.length === 0) return invalid(PATHS.types, '', 'must not be empty');
  if (types.length > MAX_TYPES) return tooMany(PATHS.types, types.length, MAX_TYPES);
  const notString = types.findIndex((t) => typeof t !== 'string');
  if (notString >= 0) return invalid(`${PATHS.types}[${notString}]`, String(types[notString]), 'must be a string');
  const tooLongIndex = types.findIndex((t) => exceedsBytes(t, MAX_TYPE_LENGTH));
  if (tooLongIndex >= 0) return tooLong(`${PATHS.types}[${tooLongIndex}]`, MAX_TYPE_LENGTH);
  const duplicates = findDuplicates(types);
  if (duplicates.length > 0) return invalid(PATHS.types, duplicates.join(','), 'must not have duplicate types');
  for (const type of types) {
    if (type.length === 0) return invalid(PATHS.types, type, 'must not be of length zero');
    if (type.split('.').length < 2) return invalid(PATHS.types, type, 'must have minimum 2 segments');
    if (!exact && type.startsWith(FORBIDDEN_STANDARD_TYPE_PREFIX)) {
      return invalid(PATHS.types, type, `must not have ${FORBIDDEN_STANDARD_TYPE_PREFIX} as type prefix`);
    }
    // The CloudEvents SDK only requires a type that is not blank after trimming.
    if (goTrimSpace(type) === '') return invalid(PATHS.types, type, 'must be valid as per RFC 3986');
  }
  return undefined;
}

/** Each duplicated type once, in the order of its second occurrence (reference 3.4 rule 5). */
function findDuplicates(types: readonly string[]): string[] {
  const counts = new Map<string, number>();
  const duplicates: string[] = [];
  for (const type of types) {
    const count = (counts.get(type) ?? 0) + 1;
    counts.set(type, count);
    if (count === 2) duplicates.push(type);
  }
  return duplicates;
}

/**
 * Rules 10–13. Like Kyma's code, `maxInFlightMessages` is checked even when the key is missing
 * from a present `config` map (Go reads "" from the map, which is not an int): `config: {}` fails.
 */
function validateConfig(config: Readonly<Record<string, string>>): FieldError[] {
  const entries = Object.entries(config);
  if (entries.length > MAX_CONFIG_ENTRIES) return [tooMany(PATHS.config, entries.length, MAX_CONFIG_ENTRIES)];
  const longKey = entries.find(([, value]) => typeof value !== 'string' || exceedsBytes(value, MAX_CONFIG_VALUE_LENGTH));
  if (longKey !== undefined) return [tooLong(`${PATHS.config}.${longKey[0].slice(0, 64)}`, MAX_CONFIG_VALUE_LENGTH)];
  const errors: FieldError[] = [];
  const has = (key: string) => Object.hasOwn(config, key);
  const maxInFlight = has(CONFIG_KEYS.maxInFlightMessages) ? config[CONFIG_KEYS.maxInFlightMessages]! : '';
  if (goAtoi(maxInFlight) === undefined) {
    errors.push(invalid(PATHS.config, maxInFlight, `${CONFIG_KEYS.maxInFlightMessages} must be a stringified int value`));
  }
  const qos = config[CONFIG_KEYS.qos];
  if (has(CONFIG_KEYS.qos) && !['AT_LEAST_ONCE', 'AT_MOST_ONCE'].includes(qos!.replaceAll('-', '_'))) {
    errors.push(invalid(PATHS.config, qos!, 'must be a valid QoS value AT_LEAST_ONCE or AT_MOST_ONCE'));
  }
  const authType = config[CONFIG_KEYS.webhookAuthType];
  if (has(CONFIG_KEYS.webhookAuthType) && authType !== 'oauth2') {
    errors.push(invalid(PATHS.config, authType!, 'must be a valid Auth Type value oauth2'));
  }
  const grantType = config[CONFIG_KEYS.webhookAuthGrantType];
  if (has(CONFIG_KEYS.webhookAuthGrantType) && grantType !== 'client_credentials') {
    errors.push(invalid(PATHS.config, grantType!, 'must be a valid Grant Type value client_credentials'));
  }
  return errors;
}
