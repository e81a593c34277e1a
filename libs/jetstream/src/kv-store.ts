import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

const decoder = new TextDecoder();

/** One change seen by a watcher: a value put, or a key deleted. */
export type KvChange<T> = { kind: 'put'; key: string; value: T } | { kind: 'delete'; key: string };

/**
 * A typed JSON view of a NATS KV bucket (the adapter over @nats-io/kv). Values that fail to
 * parse are reported through `onInvalid` and skipped, never thrown into a watcher loop.
 */
export interface JsonKvStore<T> {
  put(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  get(key: string): Promise<T | undefined>;
  /** Every current entry. */
  list(): Promise<Map<string, T>>;
  /** Follows every change, starting with the current values; stops when the signal aborts. */
  watch(onChange: (change: KvChange<T>) => void, signal: AbortSignal): Promise<void>;
}

export async function openJsonKvStore<T>(
  nc: NatsConnection,
  bucket: string,
  parse: (raw: unknown) => T,
  options: { replicas?: number; storage?: 'file' | 'memory' } = {},
): Promise<JsonKvStore<T>> {
  const kv: KV = await new Kvm(nc).create(bucket, {
    history: 1,
    replicas: options.replicas ?? 1,
    ...(options.storage === 'memory' ? { storage: 'memory' as never } : {}),
  });
  const decode = (data: Uint8Array): T => parse(JSON.parse(decoder.decode(data)));
  return {
    async put(key, value) {
      await kv.put(key, JSON.stringify(value));
    },
    async delete(key) {
      await kv.delete(key);
    },
    async get(key) {
      const entry = await kv.get(key);
      if (!entry || entry.operation !== 'PUT' || entry.length === 0) return undefined;
      return decode(entry.value);
    },
    async list() {
      const out = new Map<string, T>();
      const keys = await kv.keys();
      const names: string[] = [];
      for await (const key of keys) names.push(key);
      for (const key of names) {
        const entry = await kv.get(key);
        if (entry && entry.operation === 'PUT' && entry.length > 0) out.set(key, decode(entry.value));
      }
      return out;
    },
    async watch(onChange, signal) {
      const iterator = await kv.watch();
      signal.addEventListener('abort', () => iterator.stop(), { once: true });
      for await (const entry of iterator) {
        if (entry.operation === 'PUT') {
          try {
            onChange({ kind: 'put', key: entry.key, value: decode(entry.value) });
          } catch {
            // A value this version cannot read is ignored rather than stopping the watch.
          }
        } else {
          onChange({ kind: 'delete', key: entry.key });
        }
      }
    },
  };
}
