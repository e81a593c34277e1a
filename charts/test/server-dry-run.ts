// Server-side apply with dryRun=All and fieldValidation=Strict, of the chart's objects exactly as
// helm rendered them. client-node's KubernetesObjectApi re-serialises known kinds through its
// typed models, which silently drops a misspelt field; here the API server sees the raw object
// and rejects any field it does not know.
import { request, type RequestOptions } from 'node:https';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';

export interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

interface ApiResource {
  readonly name: string;
  readonly namespaced: boolean;
  readonly kind: string;
}

async function call(kc: KubeConfig, method: string, path: string, body?: string, contentType = 'application/json'): Promise<ApiResponse> {
  const server = new URL(kc.getCurrentCluster()!.server);
  const options: RequestOptions = {
    host: server.hostname,
    port: server.port,
    method,
    path,
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
  };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Finds the REST path of objects like `o` through the API server's discovery documents. */
export function createDiscovery(kc: KubeConfig): (o: KubernetesObject) => Promise<string> {
  const groups = new Map<string, ApiResource[]>();
  return async (o) => {
    const apiVersion = o.apiVersion ?? '';
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    let resources = groups.get(apiVersion);
    if (!resources) {
      const res = await call(kc, 'GET', base);
      if (res.status !== 200) throw new Error(`discovery of ${apiVersion} answered ${res.status}: ${res.body}`);
      resources = (JSON.parse(res.body) as { resources: ApiResource[] }).resources.filter((r) => !r.name.includes('/'));
      groups.set(apiVersion, resources);
    }
    const resource = resources.find((r) => r.kind === o.kind);
    if (!resource) throw new Error(`the API server serves no ${o.kind} in ${apiVersion}`);
    const ns = resource.namespaced ? `/namespaces/${encodeURIComponent(o.metadata?.namespace ?? 'default')}` : '';
    return `${base}${ns}/${resource.name}/${encodeURIComponent(o.metadata?.name ?? '')}`;
  };
}

/** Server-side apply dry-run with strict field validation; resolves with the server's answer. */
export async function dryRunApply(kc: KubeConfig, pathOf: (o: KubernetesObject) => Promise<string>, o: KubernetesObject): Promise<ApiResponse> {
  const query = 'dryRun=All&fieldManager=eventing-chart-test&force=true&fieldValidation=Strict';
  return call(kc, 'PATCH', `${await pathOf(o)}?${query}`, JSON.stringify(o), 'application/apply-patch+yaml');
}
