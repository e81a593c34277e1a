import type { Server } from 'node:http';
import { CustomObjectsApi, loadYaml, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import { pino } from 'pino';
import type { EventMessage, EventPublisher, PublishResult } from '@eventing/jetstream';
import { closeServer, listen } from '@eventing/platform';
import { createCrdAndWait, testKubeConfig, waitFor } from '@eventing/testing';
import { APPLICATION_RESOURCE, watchApplications } from './application-lookup';
import { createProxyMetrics } from './metrics';
import { composeProxyServer } from './proxy-app';

const APPLICATION_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: applications.applicationconnector.kyma-project.io }
spec:
  group: applicationconnector.kyma-project.io
  scope: Cluster
  names: { kind: Application, plural: applications, singular: application }
  versions:
    - name: v1alpha1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`;

/** APPLICATION_CRD_ENABLED against a real API server: an Application's type label names the events (reference 2.9). */
describe('publisher proxy with Application lookup (kube-apiserver)', () => {
  it('uses the application-type label of an Application named like the source or the legacy path', async () => {
    const kc = testKubeConfig();
    await createCrdAndWait(kc, loadYaml<V1CustomResourceDefinition>(APPLICATION_CRD));
    const api = kc.makeApiClient(CustomObjectsApi);
    const name = `shop-${Date.now()}`;
    await api.createClusterCustomObject({
      ...APPLICATION_RESOURCE,
      body: { apiVersion: 'applicationconnector.kyma-project.io/v1alpha1', kind: 'Application', metadata: { name, labels: { 'application-type': 'commerce' } } },
    });
    const applications = await watchApplications(kc, pino({ level: 'silent' }));
    await waitFor(() => applications.find(name) !== undefined, 15_000, 'the Application in the cache');
    const messages: EventMessage[] = [];
    const publisher: EventPublisher = { publish: async (m): Promise<PublishResult> => (messages.push(m), { stream: 'sap', seq: 1, duplicate: false }) };
    const server: Server = composeProxyServer(
      { maxRequestSizeBytes: 65536, eventTypePrefix: 'sap.kyma.custom', legacyNamespace: 'kyma', maxInFlightRequests: 10, requestTimeoutMs: 5000 },
      { publisher, catalog: { all: () => [] }, applications, metrics: createProxyMetrics('nats://t'), logger: pino({ level: 'silent' }), isReady: () => true },
    );
    const base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    try {
      const res = await fetch(`${base}/publish`, { method: 'POST', headers: { 'ce-specversion': '1.0', 'ce-id': '1', 'ce-source': name, 'ce-type': 'order.created.v1' } });
      expect(res.status).toBe(204);
      const legacy = await fetch(`${base}/${name}/v1/events`, {
        method: 'POST',
        body: JSON.stringify({ 'event-type': 'order.created', 'event-type-version': 'v1', 'event-time': '2024-01-01T00:00:00Z', data: 1 }),
      });
      expect(legacy.status).toBe(200);
      expect(messages.map((m) => m.subject).sort()).toEqual([
        'kyma.commerce.order.created.v1',
        'kyma.commerce.order.created.v1',
        'kyma.sap.kyma.custom.commerce.order.created.v1',
      ]);
    } finally {
      await closeServer(server);
      await applications.stop();
      await api.deleteClusterCustomObject({ ...APPLICATION_RESOURCE, name });
    }
  });
});
