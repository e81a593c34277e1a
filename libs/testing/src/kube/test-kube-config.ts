import { KubeConfig } from '@kubernetes/client-node';
import { TEST_KUBECONFIG_ENV, TEST_KUBE_ERROR_ENV } from './env-names';

/**
 * Path of the kubeconfig of the API server that jest's global setup started for this run.
 * Throws (failing the test, never skipping it) when there is none.
 */
export function testKubeConfigPath(): string {
  const path = process.env[TEST_KUBECONFIG_ENV];
  if (path) return path;
  const reason = process.env[TEST_KUBE_ERROR_ENV];
  throw new Error(
    reason
      ? `the test Kubernetes API server could not be started: ${reason}`
      : `${TEST_KUBECONFIG_ENV} is not set: jest's global setup (libs/testing/src/jest-global-setup.ts) starts the ` +
          'API server only when a selected integration or e2e test file mentions "kube"; run through jest, or use startKubeTestEnv()',
  );
}

/** A KubeConfig (admin, system:masters) for the shared test API server of this jest run. */
export function testKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(testKubeConfigPath());
  return kc;
}
