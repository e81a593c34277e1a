import { cleanSubscriptionType, publishSubject, revertEventType, subscriptionSubject } from './subjects';

describe('publishSubject (reference 2.10)', () => {
  it.each([
    ['sap.kyma.custom.noapp.order.created.v1', 'sap.kyma.custom', 'kyma.sap.kyma.custom.noapp.order.created.v1'],
    ['kyma.noapp.order.created.v1', 'sap.kyma.custom', 'kyma.noapp.order.created.v1'],
    ['sap.kyma.customer.x.y.v1', 'sap.kyma.custom', 'kyma.sap.kyma.customer.x.y.v1'],
    ['kyma.noapp.order.created.v1', 'kyma', 'kyma.kyma.noapp.order.created.v1'],
  ])('%j with prefix %j → %j', (type, prefix, expected) => {
    expect(publishSubject(type, prefix)).toBe(expected);
  });

  it('takes another subject prefix', () => {
    expect(publishSubject('p.app.order.created.v1', 'p', 'other')).toBe('other.p.app.order.created.v1');
  });
});

describe('cleanSubscriptionType (reference 4.2)', () => {
  it('keeps exact types unchanged', () => {
    expect(cleanSubscriptionType('order.payment*success.v1', 'exact')).toBe('order.payment*success.v1');
  });

  it('JetStream-cleans standard types', () => {
    expect(cleanSubscriptionType('order.payment*success.v1', 'standard')).toBe('order.paymentsuccess.v1');
    expect(cleanSubscriptionType('system>prod', 'standard')).toBe('systemprod');
  });
});

describe('subscriptionSubject (reference 4.2)', () => {
  it.each([
    [{ subjectPrefix: 'kyma', typeMatching: 'standard', source: 'noapp', cleanType: 'order.created.v1' }, 'kyma.noapp.order.created.v1'],
    [{ subjectPrefix: 'kyma', typeMatching: 'standard', source: 'my.app /x', cleanType: 'order.created.v1' }, 'kyma.myappx.order.created.v1'],
    [
      { subjectPrefix: 'kyma', typeMatching: 'exact', source: 'ignored', cleanType: 'sap.kyma.custom.commerce.order.created.v1' },
      'kyma.sap.kyma.custom.commerce.order.created.v1',
    ],
    [{ subjectPrefix: 'other', typeMatching: 'exact', source: '', cleanType: 'a.b' }, 'other.a.b'],
  ] as const)('%j → %j', (options, expected) => {
    expect(subscriptionSubject(options)).toBe(expected);
  });

  it('matches what the proxy publishes for the same source and type when no Application interferes', () => {
    const source = 'my app';
    const type = 'order.payment*success.v1';
    const published = publishSubject(`kyma.myapp.${cleanSubscriptionType(type, 'standard')}`, 'sap.kyma.custom');
    const subscribed = subscriptionSubject({ subjectPrefix: 'kyma', typeMatching: 'standard', source, cleanType: cleanSubscriptionType(type, 'standard') });
    expect(subscribed).toBe(published);
  });
});

describe('revertEventType (reference 4.5 step 3)', () => {
  it.each([
    ['without originaltype, strips kyma.<source>.', { type: 'kyma.noapp.order.created.v1', source: 'noapp', subjectPrefix: 'kyma' }, 'order.created.v1'],
    [
      'with originaltype, uses it',
      { type: 'kyma.noapp.order.created.v1', source: 'noapp', originalType: 'order.created.v1', subjectPrefix: 'kyma' },
      'order.created.v1',
    ],
    [
      'restores the publisher type, not the cleaned one',
      { type: 'kyma.myapp.order.paymentsuccess.v1', source: 'myapp', originalType: 'order.payment*success.v1', subjectPrefix: 'kyma' },
      'order.payment*success.v1',
    ],
    [
      'an empty originaltype is ignored',
      { type: 'kyma.noapp.order.created.v1', source: 'noapp', originalType: '', subjectPrefix: 'kyma' },
      'order.created.v1',
    ],
    [
      'prefixed legacy events (source kyma) are left alone',
      { type: 'sap.kyma.custom.app.order.created.v1', source: 'kyma', subjectPrefix: 'kyma' },
      'sap.kyma.custom.app.order.created.v1',
    ],
    [
      'a type not starting with <prefix>.<source>. is unchanged',
      { type: 'kyma.other.order.created.v1', source: 'noapp', subjectPrefix: 'kyma' },
      'kyma.other.order.created.v1',
    ],
  ])('%s', (_name, options, expected) => {
    expect(revertEventType(options)).toBe(expected);
  });
});
