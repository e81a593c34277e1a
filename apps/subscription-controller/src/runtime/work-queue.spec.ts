import { WorkQueue } from './work-queue';

/** Timers collected by hand: a test fires them, nothing waits on the clock. */
function manualTimers() {
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  return {
    timers,
    options: {
      setTimer: (fn: () => void, ms: number) => {
        const t = { fn, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimer: (t: unknown) => void ((t as { cleared: boolean }).cleared = true),
    },
    fireAll: () => timers.splice(0).filter((t) => !t.cleared).forEach((t) => t.fn()),
  };
}

describe('WorkQueue', () => {
  it('queues a key once however often it is added', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.length()).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
  });

  it('never hands one key to two workers: an add while processing is queued after done', async () => {
    const q = new WorkQueue();
    q.add('a');
    const key = await q.get();
    q.add('a');
    expect(q.length()).toBe(0);
    q.done(key!);
    expect(q.length()).toBe(1);
    expect(await q.get()).toBe('a');
  });

  it('wakes a waiting worker when a key arrives', async () => {
    const q = new WorkQueue();
    const next = q.get();
    q.add('x');
    expect(await next).toBe('x');
  });

  it('backs off exponentially per key and resets after forget', () => {
    const clock = manualTimers();
    const q = new WorkQueue({ initialBackoffMs: 100, maxBackoffMs: 1000, ...clock.options });
    expect([q.addRateLimited('a'), q.addRateLimited('a'), q.addRateLimited('a'), q.addRateLimited('a'), q.addRateLimited('a')]).toEqual([100, 200, 400, 800, 1000]);
    q.forget('a');
    expect(q.addRateLimited('a')).toBe(100);
  });

  it('adds a delayed key when its timer fires, keeping the earliest of two delays', () => {
    const clock = manualTimers();
    const q = new WorkQueue(clock.options);
    q.addAfter('a', 5000);
    q.addAfter('a', 100);
    q.addAfter('a', 9000);
    expect(q.length()).toBe(0);
    expect(clock.timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([100]);
    clock.fireAll();
    expect(q.length()).toBe(1);
  });

  it('releases waiting workers on shut down', async () => {
    const q = new WorkQueue();
    const next = q.get();
    q.shutDown();
    expect(await next).toBeUndefined();
  });
});
