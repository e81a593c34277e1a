// A minimal sink for benchmarks: answers 200 at once, counts events (all and unique ce-ids) and
// remembers when the first and the last arrived, and how long each took since the loader meant
// to send it (`ce-benchsent`, ms on the shared wall clock, fractional).
// GET /stats returns the figures; GET /ids the unique ids seen; POST /missing (ids, one a line)
// counts those never seen; POST /reset clears them.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3100);
const wallMs = () => performance.timeOrigin + performance.now();
let stats = fresh();
function fresh() {
  return { count: 0, first: 0, last: 0, latencies: [], ids: new Set() };
}
http
  .createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/stats') {
      const l = Float64Array.from(stats.latencies).sort();
      const q = (p) => (l.length ? l[Math.min(l.length - 1, Math.floor(p * l.length))] : 0);
      res.end(JSON.stringify({ count: stats.count, unique: stats.ids.size, first: stats.first, last: stats.last, p50: q(0.5), p99: q(0.99), max: l.length ? l[l.length - 1] : 0 }));
      return;
    }
    if (req.method === 'GET' && req.url === '/ids') {
      res.end(JSON.stringify([...stats.ids]));
      return;
    }
    if (req.method === 'POST' && req.url === '/missing') {
      // Body: ids, one a line; answer: how many of them never arrived.
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const missing = Buffer.concat(chunks).toString('utf8').split('\n').filter((id) => id && !stats.ids.has(id)).length;
        res.end(JSON.stringify({ missing }));
      });
      return;
    }
    if (req.method === 'POST' && req.url === '/reset') {
      stats = fresh();
      res.end();
      req.resume();
      return;
    }
    req.on('data', () => {});
    req.on('end', () => {
      const now = wallMs();
      if (stats.count === 0) stats.first = now;
      stats.count++;
      stats.last = now;
      const id = req.headers['ce-id'];
      if (id) stats.ids.add(id);
      const sent = Number(req.headers['x-bench-sent'] ?? req.headers['ce-benchsent'] ?? 0);
      if (sent > 0) stats.latencies.push(now - sent);
      res.writeHead(200);
      res.end();
    });
  })
  .listen(port, '127.0.0.1');
