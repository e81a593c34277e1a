import { buildGenericEventType, publishSubject } from '@eventing/event-type';
import {
  legacyDeduplicationKey,
  parseApplicationNameFromPath,
  toGenericCloudEvent,
  toPrefixedCloudEvent,
} from './legacy-cloud-event';
import { parseLegacyRequest, type LegacyPublishRequest } from './legacy-request';

function request(overrides: Partial<LegacyPublishRequest> = {}): LegacyPublishRequest {
  return {
    eventType: 'order.created',
    eventTypeVersion: 'v1',
    eventId: '',
    eventTime: '2020-04-02T21:37:00+02:00',
    time: '2020-04-02T19:37:00Z',
    data: '{"x":1}',
    ...overrides,
  };
}

function counter() {
  let n = 0;
  return () => `id-${++n}`;
}

const PREFIX = 'sap.kyma.custom';

describe('the worked example of reference 2.5.3', () => {
  const body = JSON.stringify({
    'event-type': 'Order-$.third.R-e-c-e-i-v-e-d',
    'event-type-version': 'v1',
    'event-time': '2020-04-02T21:37:00Z',
    data: { a: 1 },
  });
  const parsed = parseLegacyRequest(body, body.length);
  if (!parsed.ok) throw new Error(parsed.body);
  const app = parseApplicationNameFromPath('/test-app/v1/events');
  const newId = counter();

  it('step A: raw type and source, then the generic builder', () => {
    const event = toGenericCloudEvent(parsed.request, app, newId);
    expect(event).toEqual({
      specversion: '1.0',
      id: 'id-1',
      source: 'test-app',
      type: 'Order-$.third.R-e-c-e-i-v-e-d.v1',
      time: '2020-04-02T21:37:00Z',
      datacontenttype: 'application/json',
      data: '{"a":1}',
      extensions: { eventtypeversion: 'v1' },
    });
    const built = buildGenericEventType({ source: event.source, type: event.type });
    expect(built).toEqual({ ok: true, value: 'kyma.test-app.Order-$.third.R-e-c-e-i-v-e-d.v1' });
    expect(built.ok && publishSubject(built.value, PREFIX)).toBe('kyma.test-app.Order-$.third.R-e-c-e-i-v-e-d.v1');
  });

  it('step B: prefixed, cleaned type with source kyma and another fresh id', () => {
    const event = toPrefixedCloudEvent(parsed.request, app, { eventTypePrefix: PREFIX, legacyNamespace: 'kyma', newId });
    expect(event).toEqual({
      specversion: '1.0',
      id: 'id-2',
      source: 'kyma',
      type: 'sap.kyma.custom.testapp.Orderthird.Received.v1',
      time: '2020-04-02T21:37:00Z',
      datacontenttype: 'application/json',
      data: '{"a":1}',
      extensions: { eventtypeversion: 'v1' },
    });
    expect(publishSubject(event.type, PREFIX)).toBe('kyma.sap.kyma.custom.testapp.Orderthird.Received.v1');
  });
});

describe('toGenericCloudEvent', () => {
  it('uses the event-id when given', () => {
    const event = toGenericCloudEvent(request({ eventId: '4a8b3fb7-3ac6-4a5a-a1a8-7ab1c6b1b5d7' }), 'app', () => 'unused');
    expect(event.id).toBe('4a8b3fb7-3ac6-4a5a-a1a8-7ab1c6b1b5d7');
  });

  it('keeps the version raw in the type and the extension', () => {
    const event = toGenericCloudEvent(request({ eventTypeVersion: 'v-1' }), 'app', counter());
    expect(event.type).toBe('order.created.v-1');
    expect(event.extensions).toEqual({ eventtypeversion: 'v-1' });
  });
});

describe('toPrefixedCloudEvent', () => {
  const options = { eventTypePrefix: PREFIX, legacyNamespace: 'kyma', newId: counter() };

  it.each([
    ['Account.Root.Created', 'v1', 'my-app', 'sap.kyma.custom.myapp.AccountRoot.Created.v1'],
    ['order.created', 'v-1', 'app', 'sap.kyma.custom.app.order.created.v-1'],
    ['created', 'v1', 'app', 'sap.kyma.custom.app.created.v1'],
    ['1-2+3=4.t&h$i#s.t!h@a%t.t;o/m$f*o{o]lery', 'v1', 'äpp_1', 'sap.kyma.custom.pp1.1234thisthat.tomfoolery.v1'],
  ])('%j %j from %j → %j', (eventType, eventTypeVersion, app, type) => {
    expect(toPrefixedCloudEvent(request({ eventType, eventTypeVersion }), app, options).type).toBe(type);
  });

  it('cleans the prefix and leaves it out when it cleans to nothing', () => {
    expect(toPrefixedCloudEvent(request(), 'app', { ...options, eventTypePrefix: 's-a-p.kyma' }).type).toBe('sap.kyma.app.order.created.v1');
    expect(toPrefixedCloudEvent(request(), 'app', { ...options, eventTypePrefix: '' }).type).toBe('app.order.created.v1');
  });

  it("uses the Application's application-type label when the Application exists", () => {
    const resolveApp = (name: string) => (name === 'my-app' ? { name, labels: { 'application-type': 'commerce_type' } } : undefined);
    expect(toPrefixedCloudEvent(request(), 'my-app', { ...options, resolveApp }).type).toBe('sap.kyma.custom.commercetype.order.created.v1');
    expect(toPrefixedCloudEvent(request(), 'other-app', { ...options, resolveApp }).type).toBe('sap.kyma.custom.otherapp.order.created.v1');
  });

  it('uses the given event-id for both steps', () => {
    const withId = request({ eventId: '4a8b3fb7-3ac6-4a5a-a1a8-7ab1c6b1b5d7' });
    expect(toPrefixedCloudEvent(withId, 'app', options).id).toBe(withId.eventId);
    expect(toGenericCloudEvent(withId, 'app', options.newId).id).toBe(withId.eventId);
  });
});

describe('legacyDeduplicationKey', () => {
  it('keeps two applications apart even though step B events share source and id', () => {
    const a = toPrefixedCloudEvent(request({ eventId: 'x' }), 'app-a', { eventTypePrefix: PREFIX, legacyNamespace: 'kyma', newId: counter() });
    const b = toPrefixedCloudEvent(request({ eventId: 'x' }), 'app-b', { eventTypePrefix: PREFIX, legacyNamespace: 'kyma', newId: counter() });
    expect(legacyDeduplicationKey('app-a', a)).not.toBe(legacyDeduplicationKey('app-b', b));
  });

  it('is stable and ASCII', () => {
    const key = legacyDeduplicationKey('äpp/x', { source: 'kyma', id: 'id 1' });
    expect(key).toBe('legacy/kyma/%C3%A4pp%2Fx/id%201');
    expect(legacyDeduplicationKey('äpp/x', { source: 'kyma', id: 'id 1' })).toBe(key);
  });
});

describe('parseApplicationNameFromPath', () => {
  it.each([
    ['/test-app/v1/events', 'test-app'],
    ['///app/v1/events', 'app'],
    ['app/v1/events', 'app'],
    ['/app', ''],
    ['', ''],
  ])('%j → %j', (path, app) => {
    expect(parseApplicationNameFromPath(path)).toBe(app);
  });
});
