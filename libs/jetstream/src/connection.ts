import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';

export interface NatsConnectionOptions {
  url: string;
  /** Client name shown by the server (`Kyma Publisher`-style). */
  name: string;
  /** Delay between reconnect attempts. */
  reconnectWaitMs?: number;
  /** Optional credentials (from a Secret in Kubernetes). */
  user?: string;
  pass?: string;
  token?: string;
}

export type ConnectionState = 'connected' | 'disconnected' | 'closed';

/**
 * A NATS connection that reconnects forever and reports its state. `noAsyncTraces` because
 * eager error stacks cost ~55% of publish throughput here (performance.md 2.2).
 */
export interface ManagedConnection {
  readonly nc: NatsConnection;
  state(): ConnectionState;
  /** Called on every state change (after reconnects too). */
  onStateChange(listener: (state: ConnectionState) => void): void;
  close(): Promise<void>;
}

export async function connectNats(options: NatsConnectionOptions, logger: Logger): Promise<ManagedConnection> {
  const nc = await connect({
    servers: options.url,
    name: options.name,
    noAsyncTraces: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectWaitMs ?? 500,
    waitOnFirstConnect: true,
    ...(options.user !== undefined ? { user: options.user, pass: options.pass } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
  });
  let current: ConnectionState = 'connected';
  const listeners: Array<(state: ConnectionState) => void> = [];
  const set = (state: ConnectionState): void => {
    if (state === current) return;
    current = state;
    logger.info({ nats: state }, 'NATS connection state changed');
    for (const listener of listeners) listener(state);
  };
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') set('disconnected');
      else if (status.type === 'reconnect') set('connected');
    }
  })();
  void nc.closed().then(() => set('closed'));
  return {
    nc,
    state: () => current,
    onStateChange: (listener) => listeners.push(listener),
    close: async () => {
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
}
