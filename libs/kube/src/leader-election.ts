// Lease-based leader election (coordination.k8s.io/v1), as client-go's leaderelection does it:
// acquire when the lease is free or expired, renew every retry period, give up leadership
// when no renewal succeeded within the renew deadline, release on a clean stop so a standby
// takes over at once. Expiry is judged by the local time at which we last saw the record
// change, never by comparing clocks with the other holder.
import { CoordinationV1Api, V1MicroTime, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { sleep, type Logger } from '@eventing/platform';
import { ConflictError, orUndefined, translated } from './errors';

export interface LeaderElectionOptions {
  readonly kc: KubeConfig;
  readonly namespace: string;
  /** Lease name (Kyma's leader election id is `26479083.kyma-project.io`, reference 4.10). */
  readonly name: string;
  /** This replica's identity, unique among replicas (pod name plus a random part). */
  readonly identity: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

export interface LeaderCallbacks {
  /** Leadership acquired; do the work until `signal` aborts. */
  onStartedLeading(signal: AbortSignal): void;
  /** Leadership lost (renewal failed) — not called after `stop()`. */
  onStoppedLeading(): void;
}

export interface LeaderElector {
  run(callbacks: LeaderCallbacks): void;
  isLeader(): boolean;
  /** Stops campaigning and releases the lease if held. */
  stop(): Promise<void>;
  /** One attempt to acquire or renew (exposed for tests and for the loop). */
  tryAcquireOrRenew(): Promise<boolean>;
}

export const DEFAULT_LEASE_DURATION_MS = 15_000;
export const DEFAULT_RENEW_DEADLINE_MS = 10_000;
export const DEFAULT_RETRY_PERIOD_MS = 2_000;

export function createLeaderElector(options: LeaderElectionOptions): LeaderElector {
  const api = options.kc.makeApiClient(CoordinationV1Api);
  const { namespace, name, identity } = options;
  const leaseDurationMs = options.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
  const renewDeadlineMs = options.renewDeadlineMs ?? DEFAULT_RENEW_DEADLINE_MS;
  const retryPeriodMs = options.retryPeriodMs ?? DEFAULT_RETRY_PERIOD_MS;
  const now = options.now ?? Date.now;
  const abort = new AbortController();
  let leading = false;
  let loop: Promise<void> | undefined;
  let observed: { holder: string; renewTime: string; at: number } | undefined;
  let leaderWork: AbortController | undefined;

  const spec = (previous: V1Lease | undefined): V1Lease['spec'] => {
    const time = new V1MicroTime(now());
    const held = previous?.spec?.holderIdentity === identity;
    return {
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(leaseDurationMs / 1000),
      acquireTime: held && previous?.spec?.acquireTime ? previous.spec.acquireTime : time,
      renewTime: time,
      leaseTransitions: (previous?.spec?.leaseTransitions ?? 0) + (held ? 0 : 1),
    };
  };

  const tryAcquireOrRenew = async (): Promise<boolean> => {
    try {
      const lease = await orUndefined(() => api.readNamespacedLease({ namespace, name }), `get lease ${namespace}/${name}`);
      if (!lease) {
        await translated(() => api.createNamespacedLease({ namespace, body: { metadata: { name, namespace }, spec: spec(undefined) } }), 'create lease');
        observed = { holder: identity, renewTime: '', at: now() };
        return true;
      }
      const holder = lease.spec?.holderIdentity ?? '';
      const renewTime = String(lease.spec?.renewTime ?? '');
      if (!observed || observed.holder !== holder || observed.renewTime !== renewTime) observed = { holder, renewTime, at: now() };
      const durationMs = (lease.spec?.leaseDurationSeconds ?? Math.ceil(leaseDurationMs / 1000)) * 1000;
      if (holder !== '' && holder !== identity && observed.at + durationMs > now()) return false;
      const body: V1Lease = { ...lease, spec: spec(lease) };
      await translated(() => api.replaceNamespacedLease({ namespace, name, body }), 'update lease');
      observed = { holder: identity, renewTime: '', at: now() };
      return true;
    } catch (err) {
      // A conflict means another replica wrote first; anything else is retried the same way.
      if (!(err instanceof ConflictError)) options.logger?.warn({ err, lease: `${namespace}/${name}` }, 'leader election attempt failed');
      return false;
    }
  };

  const run = async (callbacks: LeaderCallbacks) => {
    while (!abort.signal.aborted) {
      if (await tryAcquireOrRenew()) break;
      await sleep(retryPeriodMs, abort.signal);
    }
    if (abort.signal.aborted) return;
    leading = true;
    options.logger?.info({ identity, lease: `${namespace}/${name}` }, 'became leader');
    leaderWork = new AbortController();
    callbacks.onStartedLeading(leaderWork.signal);
    let lastRenew = now();
    while (!abort.signal.aborted) {
      await sleep(retryPeriodMs, abort.signal);
      if (abort.signal.aborted) return;
      if (await tryAcquireOrRenew()) {
        lastRenew = now();
      } else if (now() - lastRenew > renewDeadlineMs) {
        leading = false;
        leaderWork.abort();
        options.logger?.error({ identity }, 'leadership lost');
        callbacks.onStoppedLeading();
        return;
      }
    }
  };

  return {
    run(callbacks) {
      loop ??= run(callbacks);
    },
    isLeader: () => leading,
    tryAcquireOrRenew,
    async stop() {
      abort.abort();
      await loop;
      leaderWork?.abort();
      if (!leading) return;
      leading = false;
      // Release: an empty holder with a 1 s duration lets a standby acquire at once (client-go ReleaseOnCancel).
      const lease = await orUndefined(() => api.readNamespacedLease({ namespace, name }), 'get lease').catch(() => undefined);
      if (lease?.spec?.holderIdentity !== identity) return;
      const body: V1Lease = { ...lease, spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: new V1MicroTime(now()) } };
      await translated(() => api.replaceNamespacedLease({ namespace, name, body }), 'release lease').catch((err: unknown) =>
        options.logger?.warn({ err }, 'releasing the lease failed'),
      );
    },
  };
}
