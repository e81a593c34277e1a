import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../free-port';
import { kubeBinaries } from './binaries';
import { createKubePki, type KubePki } from './certs';
import { startEtcd, type EtcdHandle } from './etcd';
import { startApiServerProcess, waitForReadyz, type ApiServerConfig } from './kube-apiserver';
import { writeKubeconfig } from './kubeconfig';
import { removeOnExit, type ManagedProcess } from './process';

export interface KubeTestEnvOptions {
  /**
   * Default true, as in a real cluster. With false, watches are served by etcd itself, so
   * resuming from a compacted resourceVersion deterministically answers 410 Gone; with the
   * cache on, 410 depends on the cache's window, not on etcd compaction.
   */
  watchCache?: boolean;
  /** More kube-apiserver flags (they win over the defaults). */
  apiServerArgs?: string[];
  /** Keep the temp dir (certs, logs, etcd data) after stop(), for debugging. */
  keepDir?: boolean;
}

/** A running etcd + kube-apiserver on loopback, as a test sees it. */
export interface KubeTestEnv {
  /** https://127.0.0.1:<port>; the same across restarts. */
  readonly server: string;
  /** Admin kubeconfig (client cert in system:masters); load with KubeConfig.loadFromFile. */
  readonly kubeconfigPath: string;
  /** Temp dir with certs, logs (etcd.log, kube-apiserver.log) and etcd data. */
  readonly dir: string;
  readonly pki: KubePki;
  readonly etcd: EtcdHandle;
  /** Stops and starts kube-apiserver on the same port; etcd and its data stay. */
  restart(): Promise<void>;
  /** Stops kube-apiserver only (clients then see connection errors until startApiServer). */
  stopApiServer(): Promise<void>;
  /** Starts kube-apiserver again and waits for /readyz. */
  startApiServer(): Promise<void>;
  /** Stops everything and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

const DIR_PREFIX = 'kube-testenv-';
const OWNER_FILE = 'owner.pid';

/**
 * A run killed before its teardown leaves its temp dir (etcd preallocates a 64 MB WAL); the
 * processes die with it (parent-death signal). Remove the dirs whose owning process is gone —
 * never those of runs still going, which may be another developer's.
 */
function removeDirsOfDeadRuns(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    } catch {
      continue;
    }
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts etcd, then kube-apiserver against it, waits for /readyz and writes a kubeconfig —
 * the envtest recipe, with binaries built from Go modules (tools/k8s-testenv). SPEC section 11.
 */
export async function startKubeTestEnv(options: KubeTestEnvOptions = {}): Promise<KubeTestEnv> {
  const binaries = kubeBinaries();
  removeDirsOfDeadRuns();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  const forgetDir = options.keepDir ? () => true : removeOnExit(dir);
  let etcd: EtcdHandle | undefined;
  let apiServer: ManagedProcess | undefined;
  const cleanUp = async () => {
    await apiServer?.stop();
    await etcd?.process.stop();
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
    forgetDir();
  };
  try {
    const pki = createKubePki(dir);
    etcd = await startEtcd(binaries.etcd, dir);
    const config: ApiServerConfig = {
      binary: binaries.kubeApiServer,
      dir,
      port: await findFreePort(),
      etcdUrl: etcd.url,
      pki,
      watchCache: options.watchCache ?? true,
      extraArgs: options.apiServerArgs ?? [],
    };
    const startApiServer = async () => {
      if (apiServer?.running()) return;
      apiServer = startApiServerProcess(config);
      await waitForReadyz(apiServer, config);
    };
    const stopApiServer = async () => {
      await apiServer?.stop();
    };
    await startApiServer();
    const server = `https://127.0.0.1:${config.port}`;
    const kubeconfigPath = join(dir, 'kubeconfig');
    writeKubeconfig(kubeconfigPath, server, pki);
    const startedEtcd = etcd;
    let stopped = false;
    return {
      server,
      kubeconfigPath,
      dir,
      pki,
      etcd: startedEtcd,
      startApiServer,
      stopApiServer,
      restart: async () => {
        await stopApiServer();
        await startApiServer();
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await cleanUp();
      },
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}
