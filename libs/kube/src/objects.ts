// Plain shapes of Kubernetes objects as this adapter hands them out: JSON as the API server
// sent it, with just enough typing for keys, versions and finalizers.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A custom resource type: `/apis/<group>/<version>/[namespaces/<ns>/]<plural>`. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

/** The level-based key of a namespaced object, `namespace/name` (as client-go's MetaNamespaceKeyFunc). */
export function objectKey(metadata: Pick<ObjectMeta, 'name' | 'namespace'>): string {
  return metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}

/** Splits a key made by `objectKey`. */
export function splitObjectKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function resourcePath(resource: ResourceType, namespace?: string): string {
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `/apis/${resource.group}/${resource.version}${ns}/${resource.plural}`;
}

/**
 * A JSON merge patch (RFC 7386) that turns `previous` into `next`: members that disappear are
 * set to `null` (a plain `{status: next}` merge would leave them behind), arrays are replaced whole.
 */
export function mergePatch(previous: unknown, next: unknown): unknown {
  if (!isPlainObject(previous) || !isPlainObject(next)) return next === undefined ? null : next;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(previous)) {
    if (previous[key] !== undefined && next[key] === undefined) patch[key] = null;
  }
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    patch[key] = isPlainObject(value) && isPlainObject(previous[key]) ? mergePatch(previous[key], value) : value;
  }
  return patch;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
