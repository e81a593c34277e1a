// Runs once per jest run, before any test file: builds (or finds in the cache) the real
// components the tests use, so that a missing one fails the run at once, and starts the
// shared Kubernetes API server when a selected test needs it. SPEC section 11.
import { natsServerBinary } from './nats-server';
import { helmBinary } from './kube/binaries';
import { selectedTestsMention, type SelectedRun } from './kube/global-env';
import { startKubeTestEnv, type KubeTestEnv } from './kube/test-env';
import { TEST_KUBECONFIG_ENV, TEST_KUBE_ERROR_ENV } from './kube/env-names';

// globalSetup and globalTeardown run in the same process and share globalThis (jest docs).
const globals = globalThis as { __eventingKubeEnv?: KubeTestEnv };

export default async function globalSetup(globalConfig: SelectedRun): Promise<void> {
  natsServerBinary();
  // Built here rather than in a test, where a cold build would outlast the test timeout.
  if (selectedTestsMention(globalConfig, /helm/i)) helmBinary();
  if (!selectedTestsMention(globalConfig, /kube/i)) return;
  try {
    const env = await startKubeTestEnv();
    globals.__eventingKubeEnv = env;
    // Test workers are forked after this and inherit the environment.
    process.env[TEST_KUBECONFIG_ENV] = env.kubeconfigPath;
  } catch (err) {
    // In CI a component that cannot be built or started fails the run; never a skip.
    if (process.env['CI'] === 'true') throw err;
    const reason = err instanceof Error ? err.message : String(err);
    process.env[TEST_KUBE_ERROR_ENV] = reason.slice(0, 2000);
    console.warn(`\n[eventing] test Kubernetes API server not started; tests that need it will fail:\n${reason}\n`);
  }
}
