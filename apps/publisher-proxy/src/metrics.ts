import { Counter, Gauge, Histogram, Registry, exponentialBuckets } from 'prom-client';

/** Kyma's request-duration buckets (reference 2.12): 26 fixed values from 1 ms to 5 s. */
const REQUEST_BUCKETS_S = [
  0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.1, 0.25, 0.5,
  0.75, 1, 1.5, 2, 3, 4, 5,
];

/**
 * The proxy's metrics on its own registry: Kyma's names and labels (reference 2.12) so existing
 * dashboards keep working, plus ours under `eventing_publisher_proxy_*` (SPEC section 7).
 */
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
  return {
    registry,
    recordRequest: (code, method, path, seconds) => {
      const labels = { code: String(code), method: method.toLowerCase(), path };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    recordBackend: (code, ms) => backend.observe({ code: String(code), destination_service: destinationService }, Math.round(ms)),
    recordPublished: (eventType, source) => published.inc({ event_type: eventType, event_source: source, code: '204' }),
    recordRejected: (reason) => rejected.inc({ reason }),
    recordDuplicate: () => duplicates.inc(),
    setInFlight: (count) => inFlight.set(count),
  };
}
