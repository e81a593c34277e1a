// Runs once after all test files: stops what jest-global-setup started.
import type { KubeTestEnv } from './kube/test-env';

const globals = globalThis as { __eventingKubeEnv?: KubeTestEnv };

export default async function globalTeardown(): Promise<void> {
  await globals.__eventingKubeEnv?.stop();
  globals.__eventingKubeEnv = undefined;
}
