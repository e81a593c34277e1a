// Subscriptions from a folder of the same YAML manifests (SPEC section 4 and 9): read at start,
// followed with fs.watch plus a periodic rescan (fs.watch misses events on some file systems);
// multi-document YAML and JSON allowed. A manifest that does not parse is reported (file and
// error) and never stops the others. Status is kept in memory; removing a manifest deletes the
// Subscription, whose consumers the reconciler then removes.
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Logger } from '@eventing/platform';
import { parseSubscription, type Subscription, type SubscriptionStatus } from '@eventing/subscription-api';
import type { SubscriptionStore } from '../subscription/ports';
import type { SubscriptionSource } from './source';

export interface ManifestError {
  readonly file: string;
  readonly error: string;
}

export interface FileEntry {
  readonly file: string;
  readonly subscription: Subscription;
  readonly generation: number;
}

export interface FileSourceSnapshot {
  readonly subscriptions: ReadonlyArray<FileEntry & { readonly status?: SubscriptionStatus }>;
  readonly errors: readonly ManifestError[];
}

export interface FileSource extends SubscriptionSource {
  snapshot(): FileSourceSnapshot;
  /** Reads the folder again now (tests, and the watcher). */
  rescan(): Promise<void>;
}

export interface FileSourceOptions {
  readonly dir: string;
  readonly logger: Logger;
  readonly rescanMs: number;
}

const MANIFEST = /\.(ya?ml|json)$/i;
const DEBOUNCE_MS = 100;

/** Every Subscription in one file's text, or the errors that kept some out. */
export function parseManifests(file: string, text: string): { subscriptions: Subscription[]; errors: ManifestError[] } {
  const subscriptions: Subscription[] = [];
  const errors: ManifestError[] = [];
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  list.forEach((document, index) => {
    const where = list.length > 1 ? `${file} (document ${index + 1})` : file;
    if (document.errors.length > 0) {
      errors.push({ file: where, error: document.errors.map((e) => e.message).join('; ') });
      return;
    }
    try {
      // Inside the try: toJS() throws on an alias bomb ("Excessive alias count"), which used to
      // crash the controller (found by the reliability suite); it is one bad file like any other.
      const value: unknown = document.toJS();
      if (value === null || value === undefined) return;
      const subscription = parseSubscription(value, { defaultNamespace: 'default' });
      const nameError = objectNameError(subscription.metadata);
      if (nameError !== undefined) errors.push({ file: where, error: nameError });
      else subscriptions.push(subscription);
    } catch (err) {
      errors.push({ file: where, error: err instanceof Error ? err.message : String(err) });
    }
  });
  return { subscriptions, errors };
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const MAX_NAME_LENGTH = 253;
const MAX_NAMESPACE_LENGTH = 63;

/**
 * The API server's rules for object names (Kubernetes API conventions: a name is a DNS-1123
 * subdomain, a namespace a DNS-1123 label), with its texts. Without them a folder could hold a
 * 100 kB name (longer than a JetStream consumer description may be) or `../x` (not a valid KV
 * key), and the reconcile would fail half-way; the reliability suite found both.
 */
export function objectNameError(metadata: { readonly name: string; readonly namespace: string }): string | undefined {
  const check = (field: string, value: string, max: number, pattern: string, rule: string): string | undefined => {
    if (value.length > max) return `${field}: Too long: may not be more than ${max} bytes`;
    if (new RegExp(`^${pattern}$`).test(value)) return undefined;
    return `${field}: Invalid value: ${JSON.stringify(value)}: ${rule} (regex used for validation is '${pattern}')`;
  };
  return (
    check('metadata.name', metadata.name, MAX_NAME_LENGTH, DNS1123_SUBDOMAIN, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character") ??
    check('metadata.namespace', metadata.namespace, MAX_NAMESPACE_LENGTH, DNS1123_LABEL, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character")
  );
}

const keyOf = (s: Subscription) => `${s.metadata.namespace}/${s.metadata.name}`;
const specText = (s: Subscription) => JSON.stringify({ spec: s.spec, labels: s.metadata.labels ?? {} });

export function createFileSource(options: FileSourceOptions): FileSource {
  const { dir, logger } = options;
  const entries = new Map<string, FileEntry>();
  const statuses = new Map<string, SubscriptionStatus>();
  let errors: ManifestError[] = [];
  let onKey: (key: string) => void = () => {};
  let hasSynced = false;
  let markSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((resolve) => (markSynced = resolve));
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let scanning: Promise<void> = Promise.resolve();

  const scanOnce = async () => {
    const found = new Map<string, { file: string; subscription: Subscription }>();
    const nextErrors: ManifestError[] = [];
    let files: string[] = [];
    try {
      files = (await readdir(dir)).filter((f) => MANIFEST.test(f)).sort();
    } catch (err) {
      nextErrors.push({ file: dir, error: err instanceof Error ? err.message : String(err) });
    }
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(join(dir, file), 'utf8');
      } catch {
        continue; // removed between readdir and read: the next scan sees it gone
      }
      const parsed = parseManifests(file, text);
      nextErrors.push(...parsed.errors);
      for (const subscription of parsed.subscriptions) {
        const key = keyOf(subscription);
        const first = found.get(key);
        if (first) nextErrors.push({ file, error: `Subscription ${key} is already defined in ${first.file}` });
        else found.set(key, { file, subscription });
      }
    }
    const changed: string[] = [];
    for (const [key, { file, subscription }] of found) {
      const before = entries.get(key);
      if (before && specText(before.subscription) === specText(subscription) && before.file === file) continue;
      const generation = before ? before.generation + (specText(before.subscription) === specText(subscription) ? 0 : 1) : 1;
      entries.set(key, { file, subscription, generation });
      changed.push(key);
    }
    for (const key of [...entries.keys()]) {
      if (found.has(key)) continue;
      entries.delete(key);
      statuses.delete(key);
      changed.push(key);
    }
    for (const e of nextErrors) if (!errors.some((old) => old.file === e.file && old.error === e.error)) logger.warn(e, 'manifest not loaded');
    errors = nextErrors;
    if (!hasSynced) {
      hasSynced = true;
      markSynced();
    }
    for (const key of changed) onKey(key);
  };

  // Scans never overlap: one waits for the one before.
  const rescan = () => (scanning = scanning.then(scanOnce, scanOnce));

  const withGeneration = (entry: FileEntry): Subscription => {
    const status = statuses.get(keyOf(entry.subscription));
    return { ...entry.subscription, metadata: { ...entry.subscription.metadata, generation: entry.generation }, ...(status ? { status } : {}) };
  };

  const store: SubscriptionStore = {
    usesFinalizers: false,
    async get(key) {
      const entry = entries.get(key);
      return entry ? withGeneration(entry) : undefined;
    },
    async list() {
      return [...entries.values()].map(withGeneration);
    },
    async updateFinalizers() {
      // Files have no finalizers: removing the file is the deletion.
    },
    async updateStatus(subscription, status) {
      const key = keyOf(subscription);
      if (entries.has(key)) statuses.set(key, status);
    },
  };

  return {
    store,
    start(listener) {
      onKey = listener;
      void rescan();
      try {
        watcher = watch(dir, () => {
          clearTimeout(debounce);
          debounce = setTimeout(() => void rescan(), DEBOUNCE_MS);
        });
        watcher.on('error', (err) => logger.warn({ err, dir }, 'watching the folder failed; the periodic rescan goes on'));
      } catch (err) {
        logger.warn({ err, dir }, 'cannot watch the folder; relying on the periodic rescan');
      }
      timer = setInterval(() => void rescan(), options.rescanMs);
      timer.unref();
    },
    synced: () => syncedPromise,
    hasSynced: () => hasSynced,
    async stop() {
      watcher?.close();
      clearInterval(timer);
      clearTimeout(debounce);
      markSynced();
      await scanning;
    },
    rescan,
    snapshot: () => ({
      subscriptions: [...entries.entries()].map(([key, entry]) => ({ ...entry, ...(statuses.has(key) ? { status: statuses.get(key)! } : {}) })),
      errors,
    }),
  };
}
