// Open-loop paced publisher (issue "Benchmarks" items 3 and 4): sends RATE events/s for SECONDS
// at fixed intended times, whatever the answers, and measures each latency from the intended
// send time (no coordinated omission, performance.md 6.1). Every event carries that time as the
// `ce-benchsent` extension, which the counting sink turns into end-to-end latency.
// MODE=http posts binary CloudEvents to URL over an undici Pool of CONNECTIONS; MODE=raw calls
// js.publish on NATS_URL with the same headers (the publish-leg baseline). Prints a JSON summary;
// with IDS_FILE, writes the ids answered 2xx there (one per line) for the loss check.
import { writeFileSync } from 'node:fs';
import { Pool } from 'undici';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';

const env = process.env;
const MODE = env.MODE ?? 'http';
const RATE = Number(env.RATE ?? 1000);
const SECONDS = Number(env.SECONDS ?? 5);
const SOURCE = env.SOURCE ?? 'bench';
const PREFIX = env.ID_PREFIX ?? `p${process.pid}`;
const BODY = Buffer.from(JSON.stringify({ data: 'a'.repeat(1000) }));
const wallMs = () => performance.timeOrigin + performance.now();

const latencies = [];
const rejectLatencies = [];
const okIds = [];
const counts = { sent: 0, ok: 0, s503: 0, retryAfter: 0, s429: 0, other: 0, errors: 0, timeouts: 0 };
const otherStatuses = {};
const errorCodes = {};
let maxLagMs = 0;

function ceHeaders(id, sent) {
  return {
    'ce-specversion': '1.0',
    'ce-id': id,
    'ce-source': SOURCE,
    'ce-type': 'order.created.v1',
    'ce-benchsent': sent.toFixed(3),
    'content-type': 'application/json',
  };
}

let send;
let close = async () => {};
if (MODE === 'raw') {
  const nc = await connect({ servers: env.NATS_URL, noAsyncTraces: true });
  const js = jetstream(nc);
  const subject = `kyma.${SOURCE}.order.created.v1`;
  close = () => nc.close();
  send = (id, intended) => {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(ceHeaders(id, intended))) h.set(k, v);
    return js.publish(subject, BODY, { headers: h }).then(
      () => ({ status: 204 }),
      (err) => ({ error: err }),
    );
  };
} else {
  const url = new URL(env.URL ?? 'http://127.0.0.1:8080/publish');
  const pool = new Pool(url.origin, { connections: Number(env.CONNECTIONS ?? 256), pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
  close = () => pool.close();
  send = (id, intended) =>
    pool.request({ path: url.pathname, method: 'POST', headers: ceHeaders(id, intended), body: BODY }).then(
      async (r) => {
        await r.body.dump();
        return { status: r.statusCode, retryAfter: r.headers['retry-after'] !== undefined };
      },
      (err) => ({ error: err }),
    );
}

const pending = new Set();
const interval = 1000 / RATE;
const total = Math.round(RATE * SECONDS);
const start = wallMs() + 20;
let next = 0;
await new Promise((resolve) => {
  const tick = () => {
    const now = wallMs();
    while (next < total && start + next * interval <= now) {
      const intended = start + next * interval;
      maxLagMs = Math.max(maxLagMs, now - intended);
      const id = `${PREFIX}-${next}`;
      next++;
      counts.sent++;
      const p = send(id, intended).then((r) => {
        const latency = wallMs() - intended;
        if (r.error) {
          const code = r.error.code ?? r.error.name ?? 'error';
          errorCodes[code] = (errorCodes[code] ?? 0) + 1;
          if (/timeout/i.test(code)) counts.timeouts++;
          else counts.errors++;
        } else if (r.status >= 200 && r.status < 300) {
          counts.ok++;
          latencies.push(latency);
          okIds.push(id);
        } else {
          if (r.status === 503) counts.s503++;
          else if (r.status === 429) counts.s429++;
          else {
            counts.other++;
            otherStatuses[r.status] = (otherStatuses[r.status] ?? 0) + 1;
          }
          if (r.retryAfter) counts.retryAfter++;
          rejectLatencies.push(latency);
        }
        pending.delete(p);
      });
      pending.add(p);
    }
    if (next < total) setTimeout(tick, 1);
    else resolve();
  };
  setTimeout(tick, Math.max(0, start - wallMs()));
});
const sendEnd = wallMs();
await Promise.all(pending);
const end = wallMs();
await close();

const quantile = (values, p) => {
  const s = Float64Array.from(values).sort();
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0;
};
if (env.IDS_FILE) writeFileSync(env.IDS_FILE, okIds.join('\n'));
console.log(
  JSON.stringify({
    mode: MODE,
    rate: RATE,
    ...counts,
    otherStatuses,
    errorCodes,
    offeredPerSec: counts.sent / ((sendEnd - start) / 1000),
    okPerSec: counts.ok / ((end - start) / 1000),
    seconds: (end - start) / 1000,
    maxLagMs,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
    rejectP99: quantile(rejectLatencies, 0.99),
  }),
);
