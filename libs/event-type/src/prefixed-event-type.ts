// The prefixed ("v1alpha1") cleaner of Kyma's proxy (reference 2.8.2), used for `/publish` types
// that start with EVENT_TYPE_PREFIX (reference 2.4.2) — the path `typeMatching: exact` relies on.
import { resolveCleanApplicationName, type ApplicationResolver } from './application-name';
import {
  EVENT_TYPE_ERROR_CODES,
  EventTypeError,
  PREFIXED_PARSE_REASONS,
  prefixedParseErrorText,
  type EventTypeResult,
} from './event-type-error';
import { formatEventType } from './legacy-helpers';

/** The parts of `prefix.app.businessObject….operation.version`. */
export interface ParsedPrefixedEventType {
  /** The raw application segment (not cleaned). */
  readonly application: string;
  /** `<business object segments concatenated>.<operation>`. */
  readonly event: string;
  readonly version: string;
}

/** Go `[^a-zA-Z0-9.]`, applied to the whole built type. */
const NOT_TYPE_CHAR = /[^a-zA-Z0-9.]/g;

/**
 * `parse(type, prefix)` of reference 2.8.2. Quirk kept (reference 6.8): every occurrence of the
 * prefix is removed, not only the leading one, and then one leading `.`.
 */
export function parsePrefixedEventType(type: string, prefix: string): EventTypeResult<ParsedPrefixedEventType> {
  if (!type.startsWith(prefix)) return failure(type, prefix, 'prefixNotFound');
  let rest = type.split(prefix).join('');
  if (rest.startsWith('.')) rest = rest.slice(1);
  const parts = rest.split('.');
  if (parts.length < 4 || parts.some((part) => part === '')) return failure(type, prefix, 'invalidFormat');
  const application = parts[0] as string;
  const version = parts[parts.length - 1] as string;
  const operation = parts[parts.length - 2] as string;
  const businessObject = parts.slice(1, -2).join('');
  return { ok: true, value: { application, event: `${businessObject}.${operation}`, version } };
}

/**
 * `clean(type)` of reference 2.8.2: parse, replace the application segment by its clean name (or
 * the clean `application-type` label of an Application of that exact raw name), rebuild, then
 * drop every character outside `[A-Za-z0-9.]` from the whole result.
 * E.g. prefix `prefix`: `prefix.te--s__t!!a@@p##p%%.Segment1.Segment2.Segment3.Segment4-Part1-Part2-Ä.Segment5-Part1-Part2-Ä.v1`
 * → `prefix.testapp.Segment1Segment2Segment3Segment4Part1Part2.Segment5Part1Part2.v1`.
 */
export function cleanPrefixedEventType(
  type: string,
  prefix: string,
  resolveApp?: ApplicationResolver,
): EventTypeResult<string> {
  const parsed = parsePrefixedEventType(type, prefix);
  if (!parsed.ok) return parsed;
  const { application, event, version } = parsed.value;
  const app = resolveCleanApplicationName(application, resolveApp);
  return { ok: true, value: formatEventType(prefix, app, event, version).replace(NOT_TYPE_CHAR, '') };
}

function failure(type: string, prefix: string, reason: keyof typeof PREFIXED_PARSE_REASONS): EventTypeResult<never> {
  const text = PREFIXED_PARSE_REASONS[reason];
  return {
    ok: false,
    error: new EventTypeError(EVENT_TYPE_ERROR_CODES[reason], text, prefixedParseErrorText(type, prefix, text)),
  };
}
