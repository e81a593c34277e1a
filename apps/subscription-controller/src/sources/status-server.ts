// Folder mode status over HTTP (SPEC section 4: "with status served over HTTP"):
// GET /subscriptions lists every Subscription with its file, spec and status, plus the
// manifests that did not load; GET /subscriptions/<namespace>/<name> returns one.
import { createServer, type Server } from 'node:http';
import { listen } from '@eventing/platform';
import type { FileSource, FileSourceSnapshot } from './files';

export async function startStatusServer(source: Pick<FileSource, 'snapshot'>, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/\/+$/, '');
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify(body, null, 2)}\n`);
    };
    if (req.method !== 'GET') return send(405, { error: 'method not allowed' });
    const snapshot = source.snapshot();
    const view = (entry: FileSourceSnapshot['subscriptions'][number]) => ({
      namespace: entry.subscription.metadata.namespace,
      name: entry.subscription.metadata.name,
      file: entry.file,
      generation: entry.generation,
      spec: entry.subscription.spec,
      status: entry.status ?? null,
    });
    if (path === '/subscriptions') {
      return send(200, { subscriptions: snapshot.subscriptions.map(view), errors: snapshot.errors });
    }
    const match = /^\/subscriptions\/([^/]+)\/([^/]+)$/.exec(path);
    if (match) {
      const entry = snapshot.subscriptions.find((e) => e.subscription.metadata.namespace === match[1] && e.subscription.metadata.name === match[2]);
      return entry ? send(200, view(entry)) : send(404, { error: `subscription ${match[1]}/${match[2]} not found` });
    }
    return send(404, { error: 'not found; try GET /subscriptions' });
  });
  await listen(server, port, host);
  return server;
}
