import { subscribedErrorBody, subscribedEvents, subscribedEventsBody } from './subscribed-events';

const PREFIX = 'sap.kyma.custom';

describe('subscribedEvents (reference 2.6)', () => {
  it('lists the types of standard subscriptions whose source is the app (EPP helpers_test)', () => {
    const subscriptions = [{ source: 'foovarkes', types: ['order.created.v1', 'order.created.v2'] }];
    expect(subscribedEvents('foovarkes', subscriptions, PREFIX)).toEqual([
      { name: 'order.created', version: 'v1' },
      { name: 'order.created', version: 'v2' },
    ]);
  });

  it('splits at the last dot', () => {
    expect(subscribedEvents('app', [{ typeMatching: 'standard', source: 'app', types: ['product.order.created.v1'] }], PREFIX)).toEqual([
      { name: 'product.order.created', version: 'v1' },
    ]);
  });

  it('takes exact types starting with <prefix>.<app>. and strips that text', () => {
    const subscriptions = [
      { typeMatching: 'exact', types: ['sap.kyma.custom.app.order.created.v1', 'sap.kyma.custom.other.order.created.v1', 'order.created.v1'] },
    ];
    expect(subscribedEvents('app', subscriptions, PREFIX)).toEqual([{ name: 'order.created', version: 'v1' }]);
  });

  it('ignores other sources, compares the raw app exactly, and skips subscriptions without types', () => {
    const subscriptions = [{ source: 'App', types: ['a.b.v1'] }, { source: 'app' }, { source: 'other', types: ['c.d.v1'] }];
    expect(subscribedEvents('app', subscriptions, PREFIX)).toEqual([]);
  });

  it('drops duplicates across subscriptions', () => {
    const subscriptions = [
      { source: 'app', types: ['order.created.v1'] },
      { typeMatching: 'exact', types: ['sap.kyma.custom.app.order.created.v1'] },
    ];
    expect(subscribedEvents('app', subscriptions, PREFIX)).toEqual([{ name: 'order.created', version: 'v1' }]);
  });

  it('does not fail on a type without a dot', () => {
    expect(subscribedEvents('app', [{ typeMatching: 'exact', types: ['sap.kyma.custom.app.x'] }], PREFIX)).toEqual([{ name: 'x', version: '' }]);
  });
});

describe('subscribed bodies', () => {
  it('renders the events list', () => {
    expect(subscribedEventsBody([{ name: 'order.created', version: 'v1' }])).toBe(
      '{"eventsInfo":[{"name":"order.created","version":"v1"}]}\n',
    );
    expect(subscribedEventsBody([])).toBe('{"eventsInfo":[]}\n');
  });

  it('renders a lister failure', () => {
    expect(subscribedErrorBody('cache <not> synced')).toBe('{"code":500,"error":"cache \\u003cnot\\u003e synced"}\n');
  });
});
