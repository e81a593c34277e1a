import { readFileSync, writeFileSync } from 'node:fs';
import type { KubePki } from './certs';

const b64 = (file: string) => readFileSync(file).toString('base64');

/**
 * Writes a kubeconfig for the admin user with the certificates inlined, so that
 * @kubernetes/client-node (KubeConfig.loadFromFile), helm and kubectl all read it as is.
 * JSON is valid YAML, which spares this file a YAML dependency.
 */
export function writeKubeconfig(path: string, server: string, pki: KubePki): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'eventing-test', cluster: { server, 'certificate-authority-data': b64(pki.caCert) } }],
    users: [
      {
        name: 'eventing-test-admin',
        user: { 'client-certificate-data': b64(pki.adminCert), 'client-key-data': b64(pki.adminKey) },
      },
    ],
    contexts: [
      { name: 'eventing-test', context: { cluster: 'eventing-test', user: 'eventing-test-admin', namespace: 'default' } },
    ],
    'current-context': 'eventing-test',
  };
  writeFileSync(path, JSON.stringify(config, null, 2), { mode: 0o600 });
}
