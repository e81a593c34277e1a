// An example subscriber: logs every CloudEvent it receives (binary mode) and answers 200.
// With ZIPKIN_ENDPOINT set it also reports a server span for each request, child of the
// request's W3C traceparent, so the sink's own handling shows in the event's trace.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';

const port = Number(process.env.PORT ?? 3000);
const zipkin = process.env.ZIPKIN_ENDPOINT;
const failFirst = Number(process.env.FAIL_FIRST_ATTEMPTS ?? 0);
const attempts = new Map();

function reportSpan(traceparent, startedUs, durationUs, status, req) {
  const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(traceparent ?? '');
  if (!zipkin || !m) return;
  const span = {
    traceId: m[1],
    parentId: m[2],
    id: randomBytes(8).toString('hex'),
    kind: 'SERVER',
    name: `handle ${req.headers['ce-type'] ?? 'event'}`,
    timestamp: startedUs,
    duration: Math.max(1, durationUs),
    localEndpoint: { serviceName: 'example-sink' },
    tags: { 'http.response.status_code': String(status), 'cloudevents.event_id': String(req.headers['ce-id'] ?? '') },
  };
  fetch(zipkin, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([span]) }).catch(() => {});
}

createServer((req, res) => {
  const startedUs = Date.now() * 1000;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const ce = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('ce-') || k === 'content-type' || k === 'traceparent'));
    const id = String(req.headers['ce-id'] ?? '');
    const seen = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, seen);
    const status = seen <= failFirst ? 503 : 200;
    console.log(JSON.stringify({ received: new Date().toISOString(), path: req.url, status, headers: ce, body: Buffer.concat(chunks).toString() }));
    res.writeHead(status);
    res.end();
    reportSpan(req.headers.traceparent, startedUs, Date.now() * 1000 - startedUs, status, req);
  });
}).listen(port, '127.0.0.1', () => console.log(`example sink listening on http://127.0.0.1:${port}`));
