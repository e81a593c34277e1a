import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DEFAULT_STREAM_SETTINGS, ensureStream } from '@eventing/jetstream';
import { REPO_ROOT, buildTool, findFreePort, startApp, startNatsServer, type AppProcess, type NatsServerHandle } from '@eventing/testing';

/**
 * Schema-driven fuzzing of the live proxy (issue "Reliability" item 3): schemathesis generates
 * requests from the proxy's OpenAPI description; with NATS and the stream up, no answer may be a
 * 5xx and every status must be one the description documents. The proxy must still be alive.
 */
describe('publisher proxy under schema-driven fuzzing', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let proxy: AppProcess;
  let base: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    await ensureStream(await jetstreamManager(nc), { ...DEFAULT_STREAM_SETTINGS, retention: 'limits' });
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    proxy = await startApp('publisher-proxy', { NATS_URL: nats.url, INGRESS_PORT: String(port), METRICS_PORT: String(await findFreePort()), BIND_ADDRESS: '127.0.0.1' }, port);
  });
  afterAll(async () => {
    await proxy.stop();
    await nc.close();
    await nats.dispose();
  });

  it('answers every generated request without a server error or an undocumented status', async () => {
    const st = buildTool('tools/schemathesis/install.sh');
    const { code, stdout } = await run(st, [
      'run',
      join(REPO_ROOT, 'apps/publisher-proxy/openapi.yaml'),
      '--url',
      base,
      '--checks',
      'not_a_server_error,status_code_conformance,content_type_conformance',
      '--max-examples',
      '150',
      '--seed',
      String(Date.now() % 100000),
    ]);
    const summary = /(\d+) generated, (\d+) passed/.exec(stdout);
    console.log(`schemathesis: ${summary?.[0] ?? 'no summary'}`);
    expect(code).toBe(0);
    expect(Number(summary?.[1])).toBeGreaterThan(100);
    expect(summary?.[1]).toBe(summary?.[2]);
    expect(proxy.exited()).toBe(false);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  }, 600_000);
});

function run(command: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout) });
    });
  });
}
