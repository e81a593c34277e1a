import { join } from 'node:path';
import { findFreePort } from '../free-port';
import { startProcess, waitUntilHealthy, type ManagedProcess } from './process';

export interface EtcdHandle {
  /** Client URL, e.g. http://127.0.0.1:40123 (also serves the v3 HTTP/JSON gateway). */
  readonly url: string;
  readonly process: ManagedProcess;
  /** The store's current revision (the resourceVersion of the last write). */
  currentRevision(): Promise<number>;
  /** Compacts the store at `revision` (default: the current one); older revisions become unreadable. */
  compact(revision?: number): Promise<number>;
}

/** Starts a single-member etcd on free loopback ports with its data under `dir`. */
export async function startEtcd(binary: string, dir: string): Promise<EtcdHandle> {
  const clientPort = await findFreePort();
  const peerPort = await findFreePort();
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const proc = startProcess('etcd', binary, [
    '--name=eventing-test',
    `--data-dir=${join(dir, 'etcd-data')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=eventing-test=${peer}`,
    // Test data: skip fsync (as envtest does); a crash of the machine loses nothing we need.
    '--unsafe-no-fsync',
    '--log-level=warn',
  ], join(dir, 'etcd.log'));

  const gateway = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${client}${path}`, { method: 'POST', body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`etcd ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const currentRevision = async (): Promise<number> => {
    // Any range request reports the store's revision in its header.
    const res = await gateway('/v3/kv/range', { key: Buffer.from('/').toString('base64'), limit: 1 });
    return Number((res['header'] as { revision: string }).revision);
  };

  await waitUntilHealthy(proc, async () => {
    const res = await fetch(`${client}/health`);
    return res.ok && ((await res.json()) as { health?: string }).health === 'true';
  }, 30_000);

  return {
    url: client,
    process: proc,
    currentRevision,
    compact: async (revision) => {
      const rev = revision ?? (await currentRevision());
      // physical: returns only once the compaction is applied, so the next read sees it.
      await gateway('/v3/kv/compaction', { revision: String(rev), physical: true });
      return rev;
    },
  };
}
