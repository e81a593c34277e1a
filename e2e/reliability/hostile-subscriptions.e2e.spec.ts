// Hostile Subscriptions, end to end through the built controller (SPEC section 3; validation in
// @eventing/subscription-api, reference 3.4): huge type lists, giant names and values, invalid
// sinks and sinks aimed at cluster internals are refused with a status reason (or by the API
// server at admission), get no consumer, and never stop the controller or the Subscriptions
// beside them. Folder mode runs the `any-http` sink policy, Kubernetes mode Kyma's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { DEFAULT_STREAM_NAME } from '@eventing/jetstream';
import { waitFor } from '@eventing/testing';
import { subscriptionManifest, startSystem, type System } from './support/system';

const SINK = 'http://127.0.0.1:9/events';
const many = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i));

/** [case, manifest overrides, expected status message (a RegExp where the text embeds variable parts)]. */
const FOLDER_CASES: Array<[string, { name?: string; types?: string[]; sink?: string; source?: string; delivery?: object }, string | RegExp]> = [
  ['10,000 types', { types: many(10_000, (i) => `order.t${i}.v1`) }, 'Subscription validation failed: spec.types: Too many: 10000: must have at most 100 items'],
  ['a 100 kB type', { types: [`order.${'x'.repeat(100_000)}.v1`] }, 'Subscription validation failed: spec.types[0]: Too long: may not be more than 1024 bytes'],
  ['a 100 kB source', { source: 'y'.repeat(100_000) }, 'Subscription validation failed: spec.source: Too long: may not be more than 1024 bytes'],
  ['a 100 kB sink', { sink: `http://127.0.0.1/${'z'.repeat(100_000)}` }, 'Subscription validation failed: spec.sink: Too long: may not be more than 2048 bytes'],
  ['a sink that is no URL', { sink: 'not a url' }, `Subscription validation failed: spec.sink: Invalid value: "not a url": must have URL scheme 'http' or 'https'`],
  ['the cloud metadata endpoint', { sink: 'http://169.254.169.254/latest/meta-data' }, /spec\.sink: Invalid value: "http:\/\/169\.254\.169\.254\/latest\/meta-data": must not target a link-local address: 169\.254\.169\.254$/],
  ['the metadata endpoint as a number', { sink: 'http://2852039166/' }, /must not target a link-local address: 169\.254\.169\.254$/],
  ['an IPv6 link-local address', { sink: 'http://[fe80::1]:8080/' }, /must not target a link-local address: \[fe80::1\]$/],
  ['the in-cluster API server', { sink: 'https://kubernetes.default.svc/api/v1/secrets' }, /must not target the Kubernetes API server: kubernetes\.default\.svc$/],
  ['the API server by its full name', { sink: 'https://KUBERNETES.default.svc.cluster.local./api' }, /must not target the Kubernetes API server: kubernetes\.default\.svc\.cluster\.local$/],
  ['the unspecified address', { sink: 'http://0.0.0.0:8080/' }, /must not target an unspecified address: 0\.0\.0\.0$/],
  ['a dead-letter sink at the metadata endpoint', { delivery: { deadLetterSink: 'http://169.254.169.254/' } }, /spec\.delivery\.deadLetterSink: Invalid value: .*must not target a link-local address/],
];

describe('reliability: hostile Subscriptions in folder mode (SINK_POLICY=any-http)', () => {
  let system: System;
  let folder: string;

  beforeAll(async () => {
    system = await startSystem({ dispatchers: 1 });
    folder = system.subscriptionsDir!;
  }, 90_000);
  afterAll(async () => {
    await system?.stop();
  }, 60_000);

  interface Listed {
    name: string;
    status: { ready: boolean; conditions?: Array<{ message?: string }> } | null;
  }
  const listed = async (): Promise<{ subscriptions: Listed[]; errors: Array<{ file: string; error: string }> }> =>
    (await fetch(`${system.statusUrl!}/subscriptions`)).json() as never;
  const consumers = async () => {
    const names: string[] = [];
    for await (const info of (await jetstreamManager(system.nc)).consumers.list(DEFAULT_STREAM_NAME)) names.push(info.config.description ?? info.name);
    return names;
  };

  it('each is refused with its reason in status and gets no consumer; the good one beside them works; the controller lives', async () => {
    FOLDER_CASES.forEach(([, overrides], i) => {
      const manifest = subscriptionManifest({ name: `hostile-${i}`, sink: SINK, ...overrides }, 'default');
      writeFileSync(join(folder, `hostile-${i}.json`), JSON.stringify(manifest));
    });
    await system.subscribe({ name: 'fine', sink: SINK });
    await system.waitReady('fine');
    await waitFor(async () => (await listed()).subscriptions.filter((s) => s.name.startsWith('hostile-') && s.status).length === FOLDER_CASES.length, 30_000, 'every hostile Subscription has a status');
    const byName = new Map((await listed()).subscriptions.map((s) => [s.name, s]));
    const reasons = FOLDER_CASES.map(([what], i) => [what, byName.get(`hostile-${i}`)?.status?.ready, byName.get(`hostile-${i}`)?.status?.conditions?.[0]?.message]);
    FOLDER_CASES.forEach(([what, , expected], i) => {
      expect(reasons[i]).toEqual([what, false, typeof expected === 'string' ? expected : expect.stringMatching(expected)]);
    });
    expect(await consumers()).toEqual(['default/fine/kyma.myapp.order.created.v1']);
    console.log(`reliability hostile-folder: refused=${FOLDER_CASES.length} accepted=1 consumers=${(await consumers()).length}`);
  }, 60_000);

  it('a giant name, names the API server would refuse, and a YAML alias bomb are listed as manifest errors; the controller lives', async () => {
    const manifest = (name: string, type: string) => JSON.stringify(subscriptionManifest({ name, sink: SINK, types: [type] }, 'default'));
    writeFileSync(join(folder, 'giant-name.json'), manifest('n'.repeat(100_000), 'giant.created.v1'));
    writeFileSync(join(folder, 'bad-name.json'), manifest('../Bad_Name', 'badname.created.v1'));
    // Ten levels of ten aliases each: 10^10 nodes if expanded.
    const bomb = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i += 1) bomb.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    writeFileSync(join(folder, 'bomb.yaml'), `${bomb.join('\n')}\n`);
    await system.subscribe({ name: 'after', sink: SINK, types: ['after.created.v1'] });
    await system.waitReady('after');
    await waitFor(async () => (await listed()).errors.length === 3, 20_000, 'three manifest errors listed');
    const errors = Object.fromEntries((await listed()).errors.map((e) => [e.file, e.error]));
    expect(errors).toEqual({
      'giant-name.json': 'metadata.name: Too long: may not be more than 253 bytes',
      'bad-name.json': expect.stringMatching(/^metadata\.name: Invalid value: "\.\.\/Bad_Name": a lowercase RFC 1123 subdomain/),
      'bomb.yaml': expect.stringMatching(/alias/i),
    });
    expect((await consumers()).filter((c) => /giant|badname/.test(c))).toEqual([]);
    expect((await listed()).subscriptions.filter((s) => /^n{100}|Bad_Name/.test(s.name))).toEqual([]);
    console.log(`reliability hostile-folder-files: manifestErrors=${Object.keys(errors).length} controllerAlive=${!system.controllerExited()}`);
    expect(system.controllerExited()).toBe(false);
  }, 60_000);
});
