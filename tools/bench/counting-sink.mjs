// A minimal sink for benchmarks: answers 200 at once, counts events and remembers when the
// first and the last arrived, and how long each waited since it was published (ce-time).
// GET /stats returns the figures; POST /reset clears them.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3100);
let stats = fresh();
function fresh() {
  return { count: 0, first: 0, last: 0, latencies: [] };
}
http
  .createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/stats') {
      const l = [...stats.latencies].sort((a, b) => a - b);
      const q = (p) => (l.length ? l[Math.min(l.length - 1, Math.floor(p * l.length))] : 0);
      res.end(JSON.stringify({ count: stats.count, first: stats.first, last: stats.last, p50: q(0.5), p99: q(0.99) }));
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
      const now = Date.now();
      if (stats.count === 0) stats.first = now;
      stats.count++;
      stats.last = now;
      const sent = Number(req.headers['x-bench-sent'] ?? req.headers['ce-benchsent'] ?? 0);
      if (sent > 0) stats.latencies.push(now - sent);
      res.writeHead(200);
      res.end();
    });
  })
  .listen(port, '127.0.0.1');
