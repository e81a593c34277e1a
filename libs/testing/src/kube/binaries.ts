import { join } from 'node:path';
import { buildTool } from '../tools-cache';

/** Paths of the control-plane binaries the test environment runs. */
export interface KubeBinaries {
  readonly etcd: string;
  readonly kubeApiServer: string;
  /** Present only when built with K8S_TESTENV_CONTROLLER_MANAGER=1. */
  readonly kubeControllerManager: string;
}

let cachedDir: string | undefined;
let cachedHelm: string | undefined;

/**
 * etcd and kube-apiserver (and kube-controller-manager when asked), built from the Go modules
 * pinned in tools/k8s-testenv on first use and cached outside the repository. SPEC section 11.
 * K8S_TESTENV_BIN_DIR points at a folder that already holds them (skips the build).
 */
export function kubeBinaries(options: { controllerManager?: boolean } = {}): KubeBinaries {
  const env: Record<string, string> = options.controllerManager ? { K8S_TESTENV_CONTROLLER_MANAGER: '1' } : {};
  const dir =
    process.env['K8S_TESTENV_BIN_DIR'] ??
    (options.controllerManager ? buildTool('tools/k8s-testenv/build.sh', env) : (cachedDir ??= buildTool('tools/k8s-testenv/build.sh')));
  return {
    etcd: join(dir, 'etcd'),
    kubeApiServer: join(dir, 'kube-apiserver'),
    kubeControllerManager: join(dir, 'kube-controller-manager'),
  };
}

/** Path of the pinned helm, built from helm.sh/helm/v4 on first use (tools/helm). */
export function helmBinary(): string {
  cachedHelm ??= process.env['HELM_BIN'] ?? buildTool('tools/helm/build.sh');
  return cachedHelm;
}
