import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSinkClient, toSinkEvent, type SinkClient } from './deliver';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const clock = () => NOW;
const bytes = (text: string) => new TextEncoder().encode(text);

describe('toSinkEvent (reference 4.5)', () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    [
      'the worked example: a /publish binary event, stored by the generic builder',
      {
        'ce-specversion': '1.0',
        'ce-id': 'A1',
        'ce-source': 'myapp',
        'ce-type': 'kyma.myapp.order.created.v1',
        'ce-originaltype': 'order.created.v1',
        'content-type': 'application/json',
      },
      {
        'ce-specversion': '1.0',
        'ce-id': 'A1',
        'ce-source': 'myapp',
        'ce-type': 'order.created.v1',
        'ce-time': '2026-12-03T10:00:00.000Z',
        'ce-originaltype': 'order.created.v1',
        'content-type': 'application/json',
      },
    ],
    [
      'a legacy event as a standard subscription receives it (type from originaltype)',
      {
        'ce-specversion': '1.0',
        'ce-id': 'L1',
        'ce-source': 'app',
        'ce-type': 'kyma.app.order.created.v1',
        'ce-originaltype': 'order.created.v1',
        'ce-eventtypeversion': 'v1',
        'ce-time': '2026-01-01T00:00:00Z',
        'content-type': 'application/json',
      },
      {
        'ce-specversion': '1.0',
        'ce-id': 'L1',
        'ce-source': 'app',
        'ce-type': 'order.created.v1',
        'ce-originaltype': 'order.created.v1',
        'ce-eventtypeversion': 'v1',
        'ce-time': '2026-01-01T00:00:00Z',
        'content-type': 'application/json',
      },
    ],
    [
      'a legacy event as an exact subscription receives it (prefixed type, source kyma, no originaltype)',
      {
        'ce-specversion': '1.0',
        'ce-id': 'L2',
        'ce-source': 'kyma',
        'ce-type': 'sap.kyma.custom.app.order.created.v1',
        'ce-eventtypeversion': 'v1',
        'ce-time': '2026-01-01T00:00:00Z',
        'content-type': 'application/json',
      },
      {
        'ce-specversion': '1.0',
        'ce-id': 'L2',
        'ce-source': 'kyma',
        'ce-type': 'sap.kyma.custom.app.order.created.v1',
        'ce-eventtypeversion': 'v1',
        'ce-time': '2026-01-01T00:00:00Z',
        'content-type': 'application/json',
      },
    ],
    [
      'no originaltype: a leading <prefix>.<source>. is stripped',
      { 'ce-specversion': '1.0', 'ce-id': 'B', 'ce-source': 'noapp', 'ce-type': 'kyma.noapp.order.created.v1', 'ce-time': 't' },
      { 'ce-specversion': '1.0', 'ce-id': 'B', 'ce-source': 'noapp', 'ce-type': 'order.created.v1', 'ce-time': 't' },
    ],
    [
      'an empty originaltype does not win',
      { 'ce-specversion': '1.0', 'ce-id': 'C', 'ce-source': 'noapp', 'ce-type': 'kyma.noapp.a.b', 'ce-originaltype': '', 'ce-time': 't' },
      { 'ce-specversion': '1.0', 'ce-id': 'C', 'ce-source': 'noapp', 'ce-type': 'a.b', 'ce-originaltype': '', 'ce-time': 't' },
    ],
    [
      'trace extensions become traceparent and X-B3-* headers and are removed',
      {
        'ce-specversion': '1.0',
        'ce-id': 'T',
        'ce-source': 's',
        'ce-type': 'a.b',
        'ce-time': 't',
        'ce-traceparent': '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        'ce-b3traceid': '80f198ee56343ba864fe8b2a57d3eff7',
        'ce-b3parentspanid': '05e3ac9a4f6e3b90',
        'ce-b3spanid': 'e457b5a2e4d86bd1',
        'ce-b3sampled': '1',
        'ce-b3flags': '0',
      },
      {
        'ce-specversion': '1.0',
        'ce-id': 'T',
        'ce-source': 's',
        'ce-type': 'a.b',
        'ce-time': 't',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        'X-B3-TraceId': '80f198ee56343ba864fe8b2a57d3eff7',
        'X-B3-ParentSpanId': '05e3ac9a4f6e3b90',
        'X-B3-SpanId': 'e457b5a2e4d86bd1',
        'X-B3-Sampled': '1',
        'X-B3-Flags': '0',
      },
    ],
    [
      'optional attributes and extensions pass through, NATS headers do not',
      {
        'ce-specversion': '1.0',
        'ce-id': 'D',
        'ce-source': 's',
        'ce-type': 'a.b',
        'ce-time': 't',
        'ce-subject': 'order-7',
        'ce-dataschema': 'https://example.com/schema',
        'ce-partitionkey': 'p1',
        'nats-msg-id': 'abc',
        'content-type': 'text/plain; charset=utf-8',
      },
      {
        'ce-specversion': '1.0',
        'ce-id': 'D',
        'ce-source': 's',
        'ce-type': 'a.b',
        'ce-time': 't',
        'ce-subject': 'order-7',
        'ce-dataschema': 'https://example.com/schema',
        'ce-partitionkey': 'p1',
        'content-type': 'text/plain; charset=utf-8',
      },
    ],
  ])('%s', (_name, stored, expected) => {
    const event = toSinkEvent(stored, bytes('{"x":1}'), 'kyma', clock);
    expect(event.request.headers).toEqual(expected);
    expect(event.eventType).toBe(expected['ce-type']);
    expect(new TextDecoder().decode(event.request.body)).toBe('{"x":1}');
  });

  it('fills in a missing id, as the CloudEvents SDK client does', () => {
    const event = toSinkEvent({ 'ce-specversion': '1.0', 'ce-source': 's', 'ce-type': 'a.b' }, bytes(''), 'kyma', clock);
    expect(event.request.headers['ce-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reverts with the configured subject prefix', () => {
    const event = toSinkEvent({ 'ce-specversion': '1.0', 'ce-id': '1', 'ce-source': 'app', 'ce-type': 'events.app.a.b' }, bytes(''), 'events', clock);
    expect(event.eventType).toBe('a.b');
  });
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  method: string;
  url: string;
  remotePort: number;
}

describe('createSinkClient against a recording HTTP sink', () => {
  let server: Server;
  let base: string;
  let client: SinkClient;
  const received: Received[] = [];
  let answer: (res: import('node:http').ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), method: req.method ?? '', url: req.url ?? '', remotePort: req.socket.remotePort ?? 0 });
        answer(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = createSinkClient({ connectionsPerOrigin: 4, keepAliveTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    received.length = 0;
    answer = (res) => res.writeHead(204).end();
  });

  it('POSTs the binary-mode headers and the body to the sink path', async () => {
    const event = toSinkEvent(
      { 'ce-specversion': '1.0', 'ce-id': 'A1', 'ce-source': 'myapp', 'ce-type': 'kyma.myapp.order.created.v1', 'ce-originaltype': 'order.created.v1', 'content-type': 'application/json' },
      bytes('{"x":1}'),
      'kyma',
      clock,
    );
    await expect(client.post(`${base}/events?tenant=a`, event.request, 1000)).resolves.toEqual({ kind: 'response', status: 204 });
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got!.method).toBe('POST');
    expect(got!.url).toBe('/events?tenant=a');
    expect(got!.body).toBe('{"x":1}');
    expect(got!.headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-id': 'A1',
      'ce-source': 'myapp',
      'ce-type': 'order.created.v1',
      'ce-time': '2026-12-03T10:00:00.000Z',
      'ce-originaltype': 'order.created.v1',
      'content-type': 'application/json',
    });
  });

  it('reuses kept-alive connections rather than opening one per event', async () => {
    const request = { headers: { 'ce-id': '1' }, body: bytes('x') };
    for (let i = 0; i < 10; i += 1) await client.post(`${base}/`, request, 1000);
    expect(new Set(received.map((r) => r.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('reports the status and Retry-After of a failure answer', async () => {
    answer = (res) => res.writeHead(503, { 'retry-after': '7' }).end('busy');
    await expect(client.post(`${base}/`, { headers: {}, body: bytes('') }, 1000)).resolves.toEqual({ kind: 'response', status: 503, retryAfter: '7' });
  });

  it('reports a timeout when the sink does not answer in time', async () => {
    answer = (res) => setTimeout(() => res.writeHead(200).end(), 2000).unref();
    await expect(client.post(`${base}/slow`, { headers: {}, body: bytes('') }, 100)).resolves.toEqual({ kind: 'timeout' });
  });

  it('reports a network error when nothing listens', async () => {
    const result = await client.post('http://127.0.0.1:1/', { headers: {}, body: bytes('') }, 1000);
    expect(result).toMatchObject({ kind: 'network-error', message: expect.stringContaining('ECONNREFUSED') });
  });

  it.each(['not a url', 'ftp://example.com/x'])('reports a network error for the unusable sink %s', async (sink) => {
    await expect(client.post(sink, { headers: {}, body: bytes('') }, 1000)).resolves.toMatchObject({ kind: 'network-error' });
  });
});
