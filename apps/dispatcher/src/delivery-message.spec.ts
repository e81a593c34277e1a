import { guardMessage, type DeliveryMessage } from './delivery-message';

function recording(calls: string[]): DeliveryMessage {
  return {
    subject: 's',
    headers: {},
    data: new Uint8Array(),
    deliveryCount: 1,
    streamSequence: 1,
    storedAtMs: 0,
    ack: () => calls.push('ack'),
    nak: (delay) => calls.push(`nak ${delay}`),
    term: (reason) => calls.push(`term ${reason}`),
    working: () => calls.push('working'),
  };
}

describe('guardMessage', () => {
  it('passes the first settlement through and ignores later ones', () => {
    const calls: string[] = [];
    const message = guardMessage(recording(calls));
    message.working();
    message.nak(500);
    message.ack();
    message.term('x');
    message.working();
    expect(calls).toEqual(['working', 'nak 500']);
    expect(message.settled).toBe(true);
  });

  it('after a release (shutdown), a late sink answer neither acks nor naks again', () => {
    const calls: string[] = [];
    const message = guardMessage(recording(calls));
    message.release();
    message.ack();
    expect(calls).toEqual(['nak 0']);
  });

  it('release does nothing once the message was settled', () => {
    const calls: string[] = [];
    const message = guardMessage(recording(calls));
    message.ack();
    message.release();
    expect(calls).toEqual(['ack']);
  });
});
