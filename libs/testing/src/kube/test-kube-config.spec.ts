import { TEST_KUBECONFIG_ENV, TEST_KUBE_ERROR_ENV } from './env-names';
import { testKubeConfigPath } from './test-kube-config';

describe('testKubeConfigPath', () => {
  const saved = { path: process.env[TEST_KUBECONFIG_ENV], error: process.env[TEST_KUBE_ERROR_ENV] };
  const set = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  afterEach(() => {
    set(TEST_KUBECONFIG_ENV, saved.path);
    set(TEST_KUBE_ERROR_ENV, saved.error);
  });

  it('returns the kubeconfig path the global setup handed over', () => {
    set(TEST_KUBECONFIG_ENV, '/tmp/kube-testenv-x/kubeconfig');
    expect(testKubeConfigPath()).toBe('/tmp/kube-testenv-x/kubeconfig');
  });

  it('fails the test with the start-up error when the API server could not be started', () => {
    set(TEST_KUBECONFIG_ENV, undefined);
    set(TEST_KUBE_ERROR_ENV, 'kube-apiserver exited during start-up');
    expect(() => testKubeConfigPath()).toThrow('could not be started: kube-apiserver exited during start-up');
  });

  it('fails the test, naming how to get a server, when the global setup started none', () => {
    set(TEST_KUBECONFIG_ENV, undefined);
    set(TEST_KUBE_ERROR_ENV, undefined);
    expect(() => testKubeConfigPath()).toThrow(/EVENTING_TEST_KUBECONFIG is not set.*startKubeTestEnv/);
  });
});
