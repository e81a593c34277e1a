// Kept apart from test-kube-config.ts so that jest's global setup (CJS) need not load
// @kubernetes/client-node just for two names.

/** Env var through which jest's global setup hands the shared API server's kubeconfig to tests. */
export const TEST_KUBECONFIG_ENV = 'EVENTING_TEST_KUBECONFIG';
/** Set instead when the global setup could not start the API server outside CI (the reason). */
export const TEST_KUBE_ERROR_ENV = 'EVENTING_TEST_KUBE_ERROR';
