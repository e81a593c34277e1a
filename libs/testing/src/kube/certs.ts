import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files of the throwaway PKI a test control plane uses (all PEM, in one directory). */
export interface KubePki {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** Client certificate of the admin user, in group system:masters (bypasses RBAC). */
  readonly adminCert: string;
  readonly adminKey: string;
  /** Key pair that signs and verifies service-account tokens. */
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

// The names the API server answers to; kube-apiserver itself uses kubernetes.default.svc
// for its loopback client, so the certificate must carry them besides 127.0.0.1.
const SERVER_SANS = [
  'IP:127.0.0.1',
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
].join(',');

/**
 * Creates a CA, a serving certificate for 127.0.0.1, an admin client certificate and a
 * service-account signing key with the openssl CLI. EC P-256 keys: generated in milliseconds,
 * and accepted by kube-apiserver for serving, client auth and ES256 service-account tokens.
 */
export function createKubePki(dir: string): KubePki {
  const p = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const newKey = (file: string) => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file);

  newKey(p('ca.key'));
  openssl('req', '-x509', '-new', '-key', p('ca.key'), '-out', p('ca.crt'), '-days', '7', '-subj', '/CN=eventing-test-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');

  const issue = (name: string, subject: string, extensions: string) => {
    newKey(p(`${name}.key`));
    openssl('req', '-new', '-key', p(`${name}.key`), '-out', p(`${name}.csr`), '-subj', subject);
    writeFileSync(p(`${name}.ext`), extensions);
    openssl('x509', '-req', '-in', p(`${name}.csr`), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial',
      '-out', p(`${name}.crt`), '-days', '7', '-extfile', p(`${name}.ext`));
  };
  issue('server', '/CN=kube-apiserver',
    `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${SERVER_SANS}\n`);
  issue('admin', '/O=system:masters/CN=eventing-test-admin',
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n');

  newKey(p('sa.key'));
  openssl('pkey', '-in', p('sa.key'), '-pubout', '-out', p('sa.pub'));

  return {
    caCert: p('ca.crt'),
    serverCert: p('server.crt'),
    serverKey: p('server.key'),
    adminCert: p('admin.crt'),
    adminKey: p('admin.key'),
    serviceAccountKey: p('sa.key'),
    serviceAccountPub: p('sa.pub'),
  };
}
