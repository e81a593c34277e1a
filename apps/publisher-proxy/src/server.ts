import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { extractContext, type Logger, type Tracing } from '@eventing/platform';
import { legacyErrorBody } from '@eventing/legacy-events';
import { respond, respondJson } from './http/respond';
import type { ProxyMetrics } from './metrics';

export interface ProxyRoutes {
  publish(req: IncomingMessage, res: ServerResponse): Promise<void>;
  legacy(req: IncomingMessage, res: ServerResponse, app: string): Promise<void>;
  subscribed(res: ServerResponse, app: string): void;
}

export interface ProxyServerOptions {
  readonly routes: ProxyRoutes;
  readonly metrics: ProxyMetrics;
  readonly logger: Logger;
  readonly isReady: () => boolean;
  readonly maxInFlightRequests: number;
  /** How long a client may take to send a request (an endless body ends with 408). */
  readonly requestTimeoutMs: number;
  /** OpenTelemetry; when disabled no span is made (SPEC section 7). */
  readonly tracing?: Tracing;
}

/** Seconds a client should wait before retrying an overloaded proxy. */
export const RETRY_AFTER_SECONDS = 1;
export const OVERLOAD_TEXT = 'too many requests in flight, retry later';

const LEGACY_PATH = /^\/([^/]+)\/v1\/events$/;
const SUBSCRIBED_PATH = /^\/([^/]+)\/v1\/events\/subscribed$/;

type Match = { template: string; method: 'POST' | 'GET' | 'ANY'; run: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void };

/**
 * The ingress server (SPEC section 2, reference 2.2), on `node:http` rather than express, which
 * handled 5–8× fewer requests per core here (ADR 0002). Publishing routes are bounded: past the
 * in-flight limit they answer 503 with Retry-After instead of queueing without bound.
 */
export function createProxyServer(options: ProxyServerOptions): Server {
  const { routes, metrics, logger } = options;
  let inFlight = 0;

  const bounded = (run: Match['run'], legacy: boolean): Match['run'] => async (req, res) => {
    if (inFlight >= options.maxInFlightRequests) {
      metrics.recordRejected('overload');
      res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      // The connection stays open (the unread body is discarded): closing it made overloaded
      // clients reconnect in bursts, which cost more than the refused request itself.
      req.resume();
      if (legacy) respondJson(res, 503, legacyErrorBody.backend(503, OVERLOAD_TEXT));
      else respond(res, 503, OVERLOAD_TEXT);
      return;
    }
    inFlight++;
    metrics.setInFlight(inFlight);
    try {
      await run(req, res);
    } finally {
      inFlight--;
      metrics.setInFlight(inFlight);
    }
  };

  // Fixed routes are built once; only the two per-application routes capture their path segment.
  const publishRoute: Match = { template: '/publish', method: 'POST', run: bounded(routes.publish, false) };
  const healthRoute: Match = { template: '/healthz', method: 'ANY', run: (_req, res) => respond(res, 200) };
  const readyRoute: Match = { template: '/readyz', method: 'ANY', run: (_req, res) => respond(res, options.isReady() ? 200 : 500) };
  const match = (path: string): Match | undefined => {
    if (path === '/publish') return publishRoute;
    if (path === '/healthz') return healthRoute;
    if (path === '/readyz') return readyRoute;
    let m = LEGACY_PATH.exec(path);
    if (m) {
      const app = m[1]!;
      return { template: '/{application}/v1/events', method: 'POST', run: bounded((req, res) => routes.legacy(req, res, app), true) };
    }
    m = SUBSCRIBED_PATH.exec(path);
    if (m) {
      const app = m[1]!;
      return { template: '/{application}/v1/events/subscribed', method: 'GET', run: (_req, res) => routes.subscribed(res, app) };
    }
    return undefined;
  };

  const server = createServer({ requestTimeout: options.requestTimeoutMs, headersTimeout: Math.min(options.requestTimeoutMs, 60_000), connectionsCheckingInterval: 500 }, (req, res) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const route = match(path);
    if (!route) {
      respond(res, 404, '404 page not found\n');
      req.resume();
      return;
    }
    if (route.method !== 'ANY' && req.method !== route.method) {
      respond(res, 405);
      req.resume();
      return;
    }
    res.once('finish', () => metrics.recordRequest(res.statusCode, req.method ?? '', route.template, (performance.now() - started) / 1000));
    const tracer = options.tracing?.enabled && route.method === 'POST' ? options.tracing.tracer : undefined;
    let running: Promise<void> | void;
    if (tracer) {
      // A server span per publishing request, child of the publisher's traceparent (SPEC section 7).
      const span = tracer.startSpan(
        `${req.method} ${route.template}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'http.route': route.template, 'url.path': path } },
        extractContext(req.headers),
      );
      res.once('finish', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      running = context.with(trace.setSpan(context.active(), span), () => route.run(req, res));
    } else {
      running = route.run(req, res);
    }
    Promise.resolve(running).catch((err: unknown) => {
      logger.error({ err, path: route.template }, 'request failed unexpectedly');
      respond(res, 500);
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
