// Delivery of one stored event to its sink: CloudEvents HTTP binary mode (reference 4.5 steps 2–4)
// over keep-alive undici pools, one per sink origin (performance.md 7.4).
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { revertEventType, takeTraceHeaders } from '@eventing/event-type';
import type { DeliveryResult } from '@eventing/delivery-policy';

/** What goes over the wire: binary-mode headers and the data bytes. */
export interface SinkRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface SinkEvent {
  readonly request: SinkRequest;
  /** The type the sink sees (after the revert), also the metrics' `event_type` label. */
  readonly eventType: string;
}

const CE_PREFIX = 'ce-';

/**
 * The request a sink receives for a stored event (reference 4.5, and its worked example):
 * - `ce-type` is the publisher's type again: `ce-originaltype` if present (kept), else the stored
 *   type without a leading `<subjectPrefix>.<source>.` (step 3);
 * - trace extensions become `traceparent` / `X-B3-*` headers and are removed (step 2);
 * - `ce-time` (now) and `ce-id` are filled in when missing, as the CloudEvents SDK client does (step 4);
 * - `content-type` is the data content type, the body the stored data bytes.
 * Other stored headers (e.g. `Nats-Msg-Id`) are not passed on.
 */
export function toSinkEvent(stored: Readonly<Record<string, string>>, data: Uint8Array, subjectPrefix: string, now: () => Date): SinkEvent {
  const extensions: Record<string, string> = {};
  for (const name in stored) {
    if (name.startsWith(CE_PREFIX)) extensions[name.slice(CE_PREFIX.length)] = stored[name]!;
  }
  const { headers: traceHeaders, extensions: attributes } = takeTraceHeaders(extensions);
  const eventType = revertEventType({
    type: attributes['type'] ?? '',
    source: attributes['source'] ?? '',
    ...(attributes['originaltype'] !== undefined ? { originalType: attributes['originaltype'] } : {}),
    subjectPrefix,
  });
  attributes['type'] = eventType;
  attributes['specversion'] ??= '1.0';
  attributes['id'] ??= randomUUID();
  attributes['time'] ??= now().toISOString();
  const headers: Record<string, string> = {};
  for (const name in attributes) headers[CE_PREFIX + name] = attributes[name]!;
  for (const name in traceHeaders) headers[name] = traceHeaders[name as keyof typeof traceHeaders]!;
  const contentType = stored['content-type'];
  if (contentType !== undefined) headers['content-type'] = contentType;
  return { request: { headers, body: data }, eventType };
}

export interface SinkClientOptions {
  /** Connections per sink origin (`MAX_CONNS_PER_HOST`). */
  readonly connectionsPerOrigin: number;
  /** Idle keep-alive (`IDLE_CONN_TIMEOUT`). */
  readonly keepAliveTimeoutMs: number;
}

/** The sink side as the dispatcher sees it; a fake of it drives the settlement tests. */
export interface SinkClient {
  /** POSTs and resolves with the outcome; never rejects. The timeout covers queueing in the pool too. */
  post(sink: string, request: SinkRequest, timeoutMs: number): Promise<DeliveryResult>;
  close(): Promise<void>;
}

interface SinkTarget {
  readonly pool: Pool;
  readonly path: string;
}

/** One undici Pool per sink origin, kept alive; `Pool.request` rather than fetch (performance.md 7.4). */
export function createSinkClient(options: SinkClientOptions): SinkClient {
  const pools = new Map<string, Pool>();
  const targets = new Map<string, SinkTarget | Error>();

  const target = (sink: string): SinkTarget | Error => {
    let found = targets.get(sink);
    if (found === undefined) {
      found = resolveTarget(sink, pools, options);
      targets.set(sink, found);
    }
    return found;
  };

  return {
    async post(sink, request, timeoutMs) {
      const resolved = target(sink);
      if (resolved instanceof Error) return { kind: 'network-error', message: resolved.message };
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const response = await resolved.pool.request({
          method: 'POST',
          path: resolved.path,
          headers: request.headers,
          body: request.body,
          signal: abort.signal,
        });
        // Read to the end so that the connection goes back to the pool.
        await response.body.dump();
        const retryAfter = response.headers['retry-after'];
        return typeof retryAfter === 'string'
          ? { kind: 'response', status: response.statusCode, retryAfter }
          : { kind: 'response', status: response.statusCode };
      } catch (err) {
        if (abort.signal.aborted) return { kind: 'timeout' };
        return { kind: 'network-error', message: errorText(err) };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close().catch(() => undefined)));
      pools.clear();
      targets.clear();
    },
  };
}

function resolveTarget(sink: string, pools: Map<string, Pool>, options: SinkClientOptions): SinkTarget | Error {
  let url: URL;
  try {
    url = new URL(sink);
  } catch {
    return new Error(`invalid sink URL: ${sink}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return new Error(`unsupported sink URL scheme: ${url.protocol}`);
  let pool = pools.get(url.origin);
  if (!pool) {
    pool = new Pool(url.origin, {
      connections: options.connectionsPerOrigin,
      keepAliveTimeout: options.keepAliveTimeoutMs,
      pipelining: 1,
    });
    pools.set(url.origin, pool);
  }
  return { pool, path: `${url.pathname}${url.search}` };
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const cause = (err as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${cause.message}` : '';
    return typeof code === 'string' && !err.message.includes(code) ? `${code} ${err.message}${causeText}` : `${err.message}${causeText}`;
  }
  return String(err);
}
