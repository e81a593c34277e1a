import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, exponentialBuckets } from 'prom-client';

/** Kyma's request-duration buckets (reference 2.12): 26 fixed values from 1 ms to 5 s. */
const REQUEST_BUCKETS_S = [
  0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.1, 0.25, 0.5,
  0.75, 1, 1.5, 2, 3, 4, 5,
];

/**
 * The proxy's metrics on its own registry: Kyma's names and labels (reference 2.12) so existing
 * dashboards keep working, plus ours under `eventing_publisher_proxy_*` (SPEC section 7).
 */
/** Distinct (event type, source) pairs whose counter child is cached. */
const MAX_CACHED_EVENT_TYPES = 10_000;

export interface ProxyMetrics {
  readonly registry: Registry;
  recordRequest(code: number, method: string, path: string, seconds: number): void;
  recordBackend(code: number, milliseconds: number): void;
  recordPublished(eventType: string, source: string): void;
  recordRejected(reason: 'overload' | 'not_ready'): void;
  recordDuplicate(): void;
  setInFlight(count: number): void;
}

export function createProxyMetrics(destinationService: string): ProxyMetrics {
  const registry = new Registry();
  // Node.js process metrics (RSS, heap, event-loop lag): what a soak test and an operator watch.
  collectDefaultMetrics({ register: registry });
  const backend = new Histogram({
    name: 'eventing_epp_backend_duration_milliseconds',
    help: 'The duration of sending events to the messaging server in milliseconds',
    labelNames: ['code', 'destination_service'],
    buckets: exponentialBuckets(2, 2, 10),
    registers: [registry],
  });
  const published = new Counter({
    name: 'eventing_epp_event_type_published_total',
    help: 'The total number of events published for a given event type',
    labelNames: ['event_type', 'event_source', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'eventing_epp_requests_duration_seconds',
    help: 'The duration of processing an incoming request (includes sending to the backend)',
    labelNames: ['code', 'method', 'path'],
    buckets: REQUEST_BUCKETS_S,
    registers: [registry],
  });
  const requests = new Counter({
    name: 'eventing_epp_requests_total',
    help: 'The total number of requests',
    labelNames: ['code', 'method', 'path'],
    registers: [registry],
  });
  new Gauge({ name: 'eventing_epp_health', help: 'The current health of the system. `1` indicates a healthy system', registers: [registry] }).set(1);
  const rejected = new Counter({
    name: 'eventing_publisher_proxy_rejected_requests_total',
    help: 'Requests refused before publishing, by reason (overload: over the in-flight limit)',
    labelNames: ['reason'],
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'eventing_publisher_proxy_duplicate_events_total',
    help: 'Events the stream already held (same source and id inside the duplicate window)',
    registers: [registry],
  });
  const inFlight = new Gauge({ name: 'eventing_publisher_proxy_in_flight_requests', help: 'Publish requests being handled', registers: [registry] });
  // Label children are cached: resolving labels on every event was a visible share of the
  // proxy's CPU per request. The caches are bounded by the label sets prom-client keeps anyway.
  const requestChildren = new Map<string, { count: Counter.Internal; time: Histogram.Internal<string> }>();
  const backendChildren = new Map<number, Histogram.Internal<string>>();
  const publishedChildren = new Map<string, Counter.Internal>();
  return {
    registry,
    recordRequest: (code, method, path, seconds) => {
      const key = `${code} ${method} ${path}`;
      let child = requestChildren.get(key);
      if (!child) {
        const labels = { code: String(code), method: method.toLowerCase(), path };
        child = { count: requests.labels(labels), time: duration.labels(labels) };
        requestChildren.set(key, child);
      }
      child.count.inc();
      child.time.observe(seconds);
    },
    recordBackend: (code, ms) => {
      let child = backendChildren.get(code);
      if (!child) backendChildren.set(code, (child = backend.labels({ code: String(code), destination_service: destinationService })));
      child.observe(Math.round(ms));
    },
    recordPublished: (eventType, source) => {
      const key = `${eventType}\u0000${source}`;
      let child = publishedChildren.get(key);
      if (!child) {
        child = published.labels({ event_type: eventType, event_source: source, code: '204' });
        if (publishedChildren.size < MAX_CACHED_EVENT_TYPES) publishedChildren.set(key, child);
      }
      child.inc();
    },
    recordRejected: (reason) => rejected.inc({ reason }),
    recordDuplicate: () => duplicates.inc(),
    setInFlight: (count) => inFlight.set(count),
  };
}
