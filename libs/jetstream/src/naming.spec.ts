import { consumerName, messageId } from './naming';

describe('consumerName', () => {
  // Kyma's unit-test vectors (reference 4.2): namespace subNamespace, name subName.
  it.each([
    ['kyma.source.order.cre-ä+ted.v2', '824e08b3f3528afb3336696478d7b6e9'],
    ['kyma.source.order.created.v1', '2a7444325e8cf581d7a44cc072450a57'],
    ['kyma.order.cre-ä+ted.v2', '61ef6dd8aca1cff57aa0210334fea00a'],
    ['kyma.order.created.v1', 'ff3bcb7ee7ad68c0b789858f3e1116b2'],
  ])('names the consumer of %s like Kyma: %s', (subject, expected) => {
    expect(consumerName('subNamespace', 'subName', subject)).toBe(expected);
  });
});

describe('messageId', () => {
  it('is the same for the same source and id, so a retried publish is stored once', () => {
    expect(messageId('app', 'A1')).toBe(messageId('app', 'A1'));
  });

  it('is a bounded printable header value whatever the source and id hold', () => {
    for (const [source, id] of [['app', 'A1'], ['a b', 'c\r\nd'], ['x'.repeat(300), 'y']]) {
      const value = messageId(source!, id!);
      expect(value).toMatch(/^[\x21-\x7e]{1,256}$/);
    }
  });

  it.each([
    [['app', 'A1', ''], ['app', 'A2', '']],
    [['ab', 'c', ''], ['a', 'bc', '']],
    [['a b', 'c', ''], ['a  b', 'c', '']],
    [['app', 'A1', ''], ['app2', 'A1', '']],
    [['kyma', 'A1', 'legacy:app1'], ['kyma', 'A1', 'legacy:app2']],
    [['a', 'b\u0000c', ''], ['a\u0000b', 'c', '']],
  ])('differs for %p and %p', (a, b) => {
    expect(messageId(a[0]!, a[1]!, a[2])).not.toBe(messageId(b[0]!, b[1]!, b[2]));
  });
});
