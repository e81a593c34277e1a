import { spawn, type ChildProcess } from 'node:child_process';
import { buildTool, findFreePort, waitFor } from '@eventing/testing';

export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  name?: string;
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

export interface ZipkinHandle {
  readonly url: string;
  readonly spansEndpoint: string;
  trace(traceId: string): Promise<ZipkinSpan[]>;
  report(spans: ZipkinSpan[]): Promise<void>;
  stop(): Promise<void>;
}

/** A real Zipkin server (from Maven Central, tools/zipkin/fetch.sh) on a free loopback port. */
export async function startZipkin(): Promise<ZipkinHandle> {
  const jar = buildTool('tools/zipkin/fetch.sh');
  const port = await findFreePort();
  const child: ChildProcess = spawn('java', ['-Xmx256m', '-jar', jar, `--server.port=${port}`, '--server.address=127.0.0.1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error('zipkin exited');
      return fetch(`${url}/health`).then((r) => r.ok, () => false);
    },
    120_000,
    'zipkin to start',
  );
  return {
    url,
    spansEndpoint: `${url}/api/v2/spans`,
    trace: async (traceId) => {
      const res = await fetch(`${url}/api/v2/trace/${traceId}`);
      return res.ok ? ((await res.json()) as ZipkinSpan[]) : [];
    },
    report: async (spans) => {
      const res = await fetch(`${url}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spans) });
      if (!res.ok) throw new Error(`zipkin refused spans: ${res.status}`);
    },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
