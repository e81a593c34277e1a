// Sink rules (reference 3.4 rules 14–19) and our configurable sink policy (SPEC section 3).
import { exceedsBytes, invalid, tooLong, type FieldError } from './field-errors';
import { goParseRequestURI } from './go-url';

/**
 * - `kyma` (default): Kyma's rules, a `http(s)://<svc>.<ns>.svc.cluster.local[:port][/path]` URL in
 *   the Subscription's namespace; the controller then checks that the Service exists.
 * - `any-http`: any http/https URL, except obviously hostile targets: link-local addresses
 *   (169.254.0.0/16, fe80::/10, e.g. cloud metadata endpoints), the unspecified address and the
 *   in-cluster Kubernetes API server names. Loopback stays allowed (local runs without Kubernetes).
 */
export const SINK_POLICIES = ['kyma', 'any-http'] as const;
export type SinkPolicy = (typeof SINK_POLICIES)[number];
export const DEFAULT_SINK_POLICY: SinkPolicy = 'kyma';

export const MAX_SINK_LENGTH = 2048;
export const CLUSTER_LOCAL_SUFFIX = 'svc.cluster.local';
const SINK_SUBDOMAINS = 5;

export interface SinkCheck {
  /** Field path reported for sink errors, `spec.sink` or `spec.delivery.deadLetterSink`. */
  readonly field: string;
  /** Field path of the namespace mismatch error; Kyma reports it on `metadata.namespace`. */
  readonly namespaceField: string;
  readonly namespace: string;
  readonly policy: SinkPolicy;
}

/** The first failing sink rule, or `undefined` (sink rules stop at the first failure). */
export function validateSinkUrl(sink: string, check: SinkCheck): FieldError | undefined {
  const { field } = check;
  if (exceedsBytes(sink, MAX_SINK_LENGTH)) return tooLong(field, MAX_SINK_LENGTH);
  if (sink === '') return invalid(field, sink, 'must not be empty');
  // Case-sensitive, as Kyma's check (rule 15).
  if (!sink.startsWith('http://') && !sink.startsWith('https://')) {
    return invalid(field, sink, "must have URL scheme 'http' or 'https'");
  }
  const parsed = goParseRequestURI(sink);
  if (!parsed.ok) return invalid(field, sink, `failed to parse subscription sink URL: ${parsed.error}`);
  // Beyond Kyma: the dispatcher (Node, WHATWG URL) must be able to use what Go accepted.
  const url = URL.parse(sink);
  if (url === null) {
    return invalid(field, sink, `failed to parse subscription sink URL: ${sink} is not a valid URL`);
  }
  return check.policy === 'kyma' ? kymaSinkRules(sink, parsed.host, check) : anyHttpSinkRules(sink, url, field);
}

function kymaSinkRules(sink: string, host: string, check: SinkCheck): FieldError | undefined {
  const trimmedHost = host.split(':')[0]!;
  if (!trimmedHost.endsWith(CLUSTER_LOCAL_SUFFIX)) {
    return invalid(check.field, sink, `must have valid sink URL suffix ${CLUSTER_LOCAL_SUFFIX}`);
  }
  const labels = trimmedHost.split('.');
  if (labels.length !== SINK_SUBDOMAINS) {
    return invalid(check.field, sink, `must have sink URL with ${SINK_SUBDOMAINS} sub-domains: ${trimmedHost}`);
  }
  const serviceNamespace = labels[1]!;
  if (serviceNamespace !== check.namespace) {
    return invalid(check.namespaceField, sink, `must have the same namespace as the subscriber: ${serviceNamespace}`);
  }
  return undefined;
}

const API_SERVER_HOSTS = new Set(['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local']);

function anyHttpSinkRules(sink: string, url: URL, field: string): FieldError | undefined {
  // WHATWG normalises numeric IPv4 forms (http://2852039166/ → 169.254.169.254) before we look.
  const hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if (hostname === '') return invalid(field, sink, 'must have a host');
  if (isLinkLocal(hostname)) return invalid(field, sink, `must not target a link-local address: ${hostname}`);
  if (hostname === '0.0.0.0' || hostname === '[::]') {
    return invalid(field, sink, `must not target an unspecified address: ${hostname}`);
  }
  if (API_SERVER_HOSTS.has(hostname)) {
    return invalid(field, sink, `must not target the Kubernetes API server: ${hostname}`);
  }
  return undefined;
}

function isLinkLocal(hostname: string): boolean {
  if (hostname.startsWith('169.254.')) return true;
  if (!hostname.startsWith('[')) return false;
  // fe80::/10, and IPv4-mapped 169.254.x.x (::ffff:a9fe:xxxx as WHATWG serialises it).
  return /^\[fe[89ab][0-9a-f]?:/.test(hostname) || hostname.startsWith('[::ffff:a9fe:');
}

/**
 * The Service a sink points at, for the controller's existence check (reference 3.4: host labels
 * [0] = name, [1] = namespace). `undefined` when the sink is not a `<svc>.<ns>.svc.cluster.local`
 * URL (e.g. an external URL under the `any-http` policy): there is nothing to look up.
 */
export function sinkServiceRef(sink: string): { name: string; namespace: string } | undefined {
  const parsed = goParseRequestURI(sink);
  if (!parsed.ok) return undefined;
  const labels = parsed.host.split(':')[0]!.split('.');
  if (labels.length !== SINK_SUBDOMAINS || labels.slice(2).join('.') !== CLUSTER_LOCAL_SUFFIX) return undefined;
  const [name, namespace] = labels as [string, string];
  return name === '' || namespace === '' ? undefined : { name, namespace };
}
