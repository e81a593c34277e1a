import { createLogger } from '@eventing/platform';
import type { ReconcileResult } from '../subscription/reconciler';
import { createController } from './controller';
import { WorkQueue } from './work-queue';

const logger = createLogger({ name: 'test', level: 'silent' });

describe('controller loop', () => {
  it.each<[string, ReconcileResult, { delayed: number[]; failures: number }]>([
    ['ok: the backoff is forgotten', { kind: 'ok' }, { delayed: [], failures: 0 }],
    ['terminal: waits for a change, no requeue', { kind: 'terminal', reason: 'invalid' }, { delayed: [], failures: 0 }],
    ['requeueAfter: queued again after the delay', { kind: 'requeueAfter', delayMs: 30_000 }, { delayed: [30_000], failures: 0 }],
    ['error: queued again with backoff', { kind: 'error', error: new Error('boom') }, { delayed: [100], failures: 1 }],
  ])('%s', async (_name, result, expected) => {
    const delayed: number[] = [];
    const queue = new WorkQueue({ initialBackoffMs: 100, setTimer: (_fn, ms) => delayed.push(ms), clearTimer: () => undefined });
    const seen: string[] = [];
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const reconciler = {
      reconcile: async (key: string) => {
        seen.push(key);
        setImmediate(finish);
        return result;
      },
    };
    const controller = createController({ reconciler, queue, workers: 1, listKeys: async () => ['ns/a'], resyncPeriodMs: 60_000, logger });
    controller.start();
    await controller.enqueueAll();
    await finished;
    await controller.stop();
    expect(seen).toEqual(['ns/a']);
    expect(delayed).toEqual(expected.delayed);
    expect(queue.failuresOf('ns/a')).toBe(expected.failures);
  });

  it('a reconcile that throws counts as an error and is retried with backoff', async () => {
    const delayed: number[] = [];
    const queue = new WorkQueue({ initialBackoffMs: 100, setTimer: (_fn, ms) => delayed.push(ms), clearTimer: () => undefined });
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const reconciler = {
      reconcile: async (): Promise<ReconcileResult> => {
        setImmediate(finish);
        throw new Error('unexpected');
      },
    };
    const controller = createController({ reconciler, queue, workers: 1, listKeys: async () => [], resyncPeriodMs: 60_000, logger });
    controller.start();
    controller.enqueue('ns/b');
    await finished;
    await controller.stop();
    expect(delayed).toEqual([100]);
  });
});
