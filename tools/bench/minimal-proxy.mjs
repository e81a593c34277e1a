// The minimal proxy (performance.md section 9): node:http → js.publish (awaited) → 204. The
// denominator for the publish-path benchmark: the fastest thing that does the same job.
import http from 'node:http';
import { connect, headers } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';

const port = Number(process.env.PORT ?? 3200);
const nc = await connect({ servers: process.env.NATS_URL ?? '127.0.0.1:4222', noAsyncTraces: true });
const js = jetstream(nc);
http
  .createServer((req, res) => {
    const h = req.headers;
    if (h['ce-specversion'] !== '1.0' || !h['ce-id'] || !h['ce-type'] || !h['ce-source']) {
      res.writeHead(400);
      res.end();
      req.resume();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const nh = headers();
      for (const k of ['ce-specversion', 'ce-id', 'ce-type', 'ce-source', 'content-type', 'ce-benchsent']) if (h[k]) nh.set(k, h[k]);
      js.publish('kyma.' + h['ce-source'] + '.' + h['ce-type'], Buffer.concat(chunks), { headers: nh }).then(
        () => {
          res.writeHead(204);
          res.end();
        },
        () => {
          res.writeHead(503);
          res.end();
        },
      );
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`minimal proxy on ${port}`));
