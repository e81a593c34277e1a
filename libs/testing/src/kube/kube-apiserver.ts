import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { KubePki } from './certs';
import { startProcess, waitUntilHealthy, type ManagedProcess } from './process';

export interface ApiServerConfig {
  readonly binary: string;
  readonly dir: string;
  readonly port: number;
  readonly etcdUrl: string;
  readonly pki: KubePki;
  /** false runs with --watch-cache=false: watches then read etcd directly (see docs). */
  readonly watchCache: boolean;
  readonly extraArgs: readonly string[];
}

/**
 * envtest-style flags: everything on 127.0.0.1, client-certificate auth against our CA, RBAC,
 * and a service-account issuer so tokens can be minted. SPEC section 11.
 */
export function apiServerArgs(c: ApiServerConfig): string[] {
  const url = `https://127.0.0.1:${c.port}`;
  return [
    '--advertise-address=127.0.0.1',
    '--bind-address=127.0.0.1',
    `--secure-port=${c.port}`,
    `--etcd-servers=${c.etcdUrl}`,
    `--cert-dir=${join(c.dir, 'apiserver-certs')}`,
    `--tls-cert-file=${c.pki.serverCert}`,
    `--tls-private-key-file=${c.pki.serverKey}`,
    `--client-ca-file=${c.pki.caCert}`,
    '--authorization-mode=RBAC',
    `--service-account-issuer=${url}`,
    `--service-account-key-file=${c.pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${c.pki.serviceAccountKey}`,
    // Allocated to Services only; nothing routes there.
    '--service-cluster-ip-range=10.0.0.0/24',
    '--allow-privileged=true',
    // No controller-manager creates the `default` ServiceAccount, so the admission plugin that
    // requires it would reject every Pod (envtest disables it for the same reason).
    '--disable-admission-plugins=ServiceAccount',
    // The `kubernetes` Service's endpoints would point at 127.0.0.1, which Endpoints reject.
    '--endpoint-reconciler-type=none',
    `--watch-cache=${c.watchCache}`,
    '--profiling=false',
    ...c.extraArgs,
  ];
}

export function startApiServerProcess(c: ApiServerConfig): ManagedProcess {
  return startProcess('kube-apiserver', c.binary, apiServerArgs(c), join(c.dir, 'kube-apiserver.log'));
}

/** Waits until /readyz answers 200 to the admin client (all post-start hooks done). */
export async function waitForReadyz(proc: ManagedProcess, c: ApiServerConfig, timeoutMs = 120_000): Promise<void> {
  const tls = {
    ca: readFileSync(c.pki.caCert),
    cert: readFileSync(c.pki.adminCert),
    key: readFileSync(c.pki.adminKey),
  };
  const probe = () =>
    new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port: c.port, path: '/readyz', method: 'GET', timeout: 5000, ...tls }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
      req.end();
    });
  await waitUntilHealthy(proc, probe, timeoutMs);
}
