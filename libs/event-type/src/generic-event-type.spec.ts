import { buildGenericEventType } from './generic-event-type';

describe('buildGenericEventType (reference 2.4.2)', () => {
  it.each([
    [{ source: 'noapp', type: 'order.created.v1' }, 'kyma.noapp.order.created.v1'],
    [{ source: 'myapp', type: 'order.payment*success.v1' }, 'kyma.myapp.order.paymentsuccess.v1'],
    [{ source: 'my.app/x', type: 'system>prod.v1' }, 'kyma.myappx.systemprod.v1'],
    [{ source: 'test-app', type: 'Order-$.third.R-e-c-e-i-v-e-d.v1' }, 'kyma.test-app.Order-$.third.R-e-c-e-i-v-e-d.v1'],
    [{ source: 'a\vb', type: 'x\u00a0y.v1' }, 'kyma.a\vb.x\u00a0y.v1'],
    [{ source: 'Äpp', type: 'order.cre-ä+ted.v2' }, 'kyma.Äpp.order.cre-ä+ted.v2'],
  ])('%j → %j', (options, expected) => {
    expect(buildGenericEventType(options)).toEqual({ ok: true, value: expected });
  });

  it('uses the resolved Application type-or-name instead of the source, then cleans it', () => {
    expect(buildGenericEventType({ source: 'app', type: 'order.created.v1', resolvedSource: 'app.type label' })).toEqual({
      ok: true,
      value: 'kyma.apptypelabel.order.created.v1',
    });
  });

  it('always uses the literal kyma prefix', () => {
    const result = buildGenericEventType({ source: 's', type: 't.v1' });
    expect(result.ok && result.value.startsWith('kyma.')).toBe(true);
  });

  it.each([
    [{ source: '...', type: 'order.created.v1' }, 'kyma..order.created.v1'],
    [{ source: 'app', type: 'order..created.v1' }, 'kyma.app.order..created.v1'],
    [{ source: 'app', type: 'order.created.' }, 'kyma.app.order.created.'],
    [{ source: 'app', type: '.order' }, 'kyma.app..order'],
    [{ source: 'app', type: '>*' }, 'kyma.app.'],
    [{ source: 'app', type: '' }, 'kyma.app.'],
    [{ source: 'app', type: 'order.>.v1' }, 'kyma.app.order..v1'],
  ])('rejects empty segments after cleaning: %j', (options, finalType) => {
    const result = buildGenericEventType(options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = `event type cannot have empty segments after cleaning: ${finalType}`;
    expect(result.error.code).toBe('empty-segments');
    expect(result.error.message).toBe(text);
    expect(result.error.responseText).toBe(text);
  });
});
