// On a private API server (restarting it, or running built controllers that watch every
// namespace, must not disturb other test files): the controller survives an API server restart
// (SPEC section 4), and with leader election one replica works while the other stands by.
import { CoordinationV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import {
  createCrdAndWait,
  createTestNamespace,
  findFreePort,
  startApp,
  startKubeTestEnv,
  startNatsServer,
  waitFor,
  type AppProcess,
  type KubeTestEnv,
  type NatsServerHandle,
} from '@eventing/testing';
import type { Subscription } from '@eventing/subscription-api';
import { subscriptionCrdManifest, runKubernetesController, type RunningController } from './testing/harness';

const api = { group: 'eventing.kyma-project.io', version: 'v1alpha2', plural: 'subscriptions' };

describe('subscription controller on a private API server', () => {
  let env: KubeTestEnv;
  let nats: NatsServerHandle;
  let controller: RunningController | undefined;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    [env, nats] = await Promise.all([startKubeTestEnv(), startNatsServer()]);
  }, 180_000);

  afterAll(async () => {
    await controller?.stop();
    await Promise.all(apps.map((a) => a.stop()));
    await Promise.all([env?.stop(), nats?.dispose()]);
  }, 60_000);

  it('the watch resumes after kube-apiserver restarts and new Subscriptions become ready', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(env.kubeconfigPath);
    await createCrdAndWait(kc, subscriptionCrdManifest());
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
    await controller.stop();
    controller = undefined;
  }, 150_000);

  it('with LEADER_ELECT=true one built controller leads; when it stops, the standby takes over', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(env.kubeconfigPath);
    const ns = await createTestNamespace(kc, 'leader');
    const custom = kc.makeApiClient(CustomObjectsApi);
    const coordination = kc.makeApiClient(CoordinationV1Api);
    const start = async (pod: string) => {
      const healthPort = await findFreePort();
      const process = await startApp(
        'subscription-controller',
        {
          KUBECONFIG: env.kubeconfigPath,
          NATS_URL: nats.url,
          SINK_POLICY: 'any-http',
          LEADER_ELECT: 'true',
          LEADER_ELECTION_NAMESPACE: ns.name,
          POD_NAME: pod,
          HEALTH_PORT: String(healthPort),
          METRICS_PORT: String(await findFreePort()),
          BIND_ADDRESS: '127.0.0.1',
        },
        healthPort,
      );
      apps.push(process);
      return process;
    };
    const holder = async () =>
      (await coordination.readNamespacedLease({ namespace: ns.name, name: '26479083.kyma-project.io' }).catch(() => undefined))?.spec?.holderIdentity ?? '';
    const ready = (name: string) => async () =>
      ((await custom.getNamespacedCustomObject({ ...api, namespace: ns.name, name }).catch(() => undefined)) as Subscription | undefined)?.status?.ready === true;
    const manifest = (name: string) => ({
      apiVersion: 'eventing.kyma-project.io/v1alpha2',
      kind: 'Subscription',
      metadata: { name, namespace: ns.name },
      spec: { source: 'myapp', types: ['order.created.v1'], sink: 'http://127.0.0.1:3000/events' },
    });

    const first = await start('first');
    await waitFor(async () => (await holder()).startsWith('first_'), 20_000, 'first holds the lease');
    const second = await start('second');
    await custom.createNamespacedCustomObject({ ...api, namespace: ns.name, body: manifest('one') });
    await waitFor(ready('one'), 20_000, 'reconciled by the leader');
    expect(await holder()).toMatch(/^first_/);

    expect(await first.stop()).toBe(0);
    await waitFor(async () => (await holder()).startsWith('second_'), 30_000, 'second takes over the released lease');
    await custom.createNamespacedCustomObject({ ...api, namespace: ns.name, body: manifest('two') });
    await waitFor(ready('two'), 20_000, 'reconciled by the new leader');
    expect(second.exited()).toBe(false);
  }, 120_000);
});
