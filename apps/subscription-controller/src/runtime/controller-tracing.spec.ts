import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { createLogger, startTracing } from '@eventing/platform';
import { createController } from './controller';
import { WorkQueue } from './work-queue';

describe('controller loop tracing', () => {
  it('makes one span per reconcile, named for the Subscription and marked with its outcome', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({ exporter: 'none', serviceName: 'subscription-controller' }, exporter);
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const controller = createController({
      reconciler: { reconcile: async () => (setImmediate(finish), { kind: 'error', error: new Error('nats down') }) },
      queue: new WorkQueue({ initialBackoffMs: 100, setTimer: () => undefined, clearTimer: () => undefined }),
      workers: 1,
      listKeys: async () => ['ns/orders'],
      resyncPeriodMs: 60_000,
      logger: createLogger({ name: 'test', level: 'silent' }),
      tracing,
    });
    controller.start();
    await controller.enqueueAll();
    await finished;
    await controller.stop();
    await tracing.forceFlush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('reconcile Subscription');
    expect(span?.attributes).toMatchObject({ 'eventing.subscription': 'ns/orders', 'eventing.reconcile.outcome': 'error' });
    expect(span?.status.message).toBe('nats down');
    await tracing.shutdown();
  });
});
