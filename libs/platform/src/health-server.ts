import { createServer, type Server } from 'node:http';
import { listen } from './http-listen';

export interface HealthChecks {
  /** Liveness: false only when the process should be restarted. */
  live(): boolean;
  /** Readiness: true while the component can do its work. */
  ready(): boolean;
}

/** `/healthz` and `/readyz` on their own port (controller and dispatcher, SPEC sections 4 and 5). */
export async function startHealthServer(checks: HealthChecks, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const ok = path === '/healthz' ? checks.live() : path === '/readyz' ? checks.ready() : undefined;
    res.writeHead(ok === undefined ? 404 : ok ? 200 : 500, { 'content-type': 'text/plain' });
    res.end(ok === undefined ? '404 page not found\n' : ok ? 'ok\n' : 'not ready\n');
    req.resume();
  });
  await listen(server, port, host);
  return server;
}
