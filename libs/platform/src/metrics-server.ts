import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { listen } from './http-listen';

/**
 * Serves a Prometheus registry on its own port; like Kyma's proxy, every path answers with the
 * metrics (reference 2.7).
 */
export async function startMetricsServer(registry: Registry, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      },
      (err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      },
    );
    req.resume();
  });
  await listen(server, port, host);
  return server;
}
