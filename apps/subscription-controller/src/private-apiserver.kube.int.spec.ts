// The controller survives an API server restart (SPEC section 4): its informer re-lists and
// watches again, so changes made after the restart are reconciled. A private API server, so
// restarting it does not disturb other test files.
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { createTestNamespace, startKubeTestEnv, startNatsServer, waitFor, type KubeTestEnv, type NatsServerHandle } from '@eventing/testing';
import type { Subscription } from '@eventing/subscription-api';
import { applySubscriptionCrd, runKubernetesController, type RunningController } from './testing/harness';

const api = { group: 'eventing.kyma-project.io', version: 'v1alpha2', plural: 'subscriptions' };

describe('subscription controller across an API server restart', () => {
  let env: KubeTestEnv;
  let nats: NatsServerHandle;
  let controller: RunningController | undefined;

  beforeAll(async () => {
    [env, nats] = await Promise.all([startKubeTestEnv(), startNatsServer()]);
  }, 180_000);

  afterAll(async () => {
    await controller?.stop();
    await Promise.all([env?.stop(), nats?.dispose()]);
  }, 60_000);

  it('the watch resumes after kube-apiserver restarts and new Subscriptions become ready', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(env.kubeconfigPath);
    await applySubscriptionCrd(kc);
    const ns = await createTestNamespace(kc, 'restart');
    const custom = kc.makeApiClient(CustomObjectsApi);
    const manifest = (name: string) => ({
      apiVersion: 'eventing.kyma-project.io/v1alpha2',
      kind: 'Subscription',
      metadata: { name, namespace: ns.name },
      spec: { source: 'myapp', types: ['order.created.v1'], sink: 'http://127.0.0.1:3000/events' },
    });
    const ready = (name: string) => async () => {
      const sub = (await custom.getNamespacedCustomObject({ ...api, namespace: ns.name, name }).catch(() => undefined)) as Subscription | undefined;
      return sub?.status?.ready === true;
    };
    controller = await runKubernetesController(kc, nats.url, ns.name, { SINK_POLICY: 'any-http' });
    await custom.createNamespacedCustomObject({ ...api, namespace: ns.name, body: manifest('before') });
    await waitFor(ready('before'), 20_000, 'ready before the restart');

    await env.restart();

    await waitFor(async () => {
      try {
        await custom.createNamespacedCustomObject({ ...api, namespace: ns.name, body: manifest('after') });
        return true;
      } catch {
        return false;
      }
    }, 30_000, 'API server accepting writes again');
    await waitFor(ready('after'), 40_000, 'ready after the restart');
  }, 150_000);
});
