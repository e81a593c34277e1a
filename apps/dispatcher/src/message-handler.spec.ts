import { requestTimeoutMs } from './message-handler';

describe('requestTimeoutMs', () => {
  it.each<[number, number, number]>([
    // policy timeout, consumer ack wait, request timeout
    [10_000, 30_000, 10_000],
    [29_000, 30_000, 24_000],
    [60_000, 30_000, 24_000],
    [1_000, 4_000, 1_000],
    [5_000, 4_000, 3_200],
  ])('policy %i ms with ack wait %i ms → %i ms (always below the ack wait)', (policy, ackWait, expected) => {
    expect(requestTimeoutMs(policy, ackWait)).toBe(expected);
  });
});
