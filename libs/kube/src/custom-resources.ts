// Typed access to one custom resource type through CustomObjectsApi: list, get, finalizer
// updates with optimistic concurrency, and status merge patches on the status subresource.
import { CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { orUndefined, translated } from './errors';
import { mergePatch, type KubeObject, type ResourceType } from './objects';

export interface ObjectList {
  readonly items: KubeObject[];
  /** The list's resourceVersion, where a watch resumes. */
  readonly resourceVersion: string;
}

export interface CustomResourceClient {
  readonly resource: ResourceType;
  /** Every object, in one namespace or (without one) in all namespaces. */
  list(namespace?: string): Promise<ObjectList>;
  get(namespace: string, name: string): Promise<KubeObject | undefined>;
  create(namespace: string, body: KubeObject): Promise<KubeObject>;
  delete(namespace: string, name: string): Promise<void>;
  /**
   * Sets `metadata.finalizers`, guarded by `resourceVersion` (ConflictError when the object
   * changed since it was read). Returns the updated object, or undefined when it is gone.
   */
  updateFinalizers(namespace: string, name: string, resourceVersion: string | undefined, finalizers: readonly string[]): Promise<KubeObject | undefined>;
  /**
   * Merge-patches the status subresource from `previous` to `next` (members that disappear are
   * removed). Returns the updated object, or undefined when it is gone.
   */
  patchStatus(namespace: string, name: string, previous: unknown, next: unknown): Promise<KubeObject | undefined>;
}

const mergePatchOptions = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export function createCustomResourceClient(kc: KubeConfig, resource: ResourceType): CustomResourceClient {
  const api = kc.makeApiClient(CustomObjectsApi);
  const { group, version, plural } = resource;
  const ref = (namespace: string, name: string) => ({ group, version, plural, namespace, name });
  const what = (verb: string, namespace?: string, name?: string) =>
    `${verb} ${plural}.${group}${namespace ? ` ${namespace}` : ''}${name ? `/${name}` : ''}`;
  return {
    resource,
    async list(namespace) {
      const body = (await translated(
        () =>
          namespace
            ? api.listNamespacedCustomObject({ group, version, plural, namespace })
            : api.listClusterCustomObject({ group, version, plural }),
        what('list', namespace),
      )) as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
      return { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? '' };
    },
    async get(namespace, name) {
      return (await orUndefined(() => api.getNamespacedCustomObject(ref(namespace, name)), what('get', namespace, name))) as KubeObject | undefined;
    },
    async create(namespace, body) {
      return (await translated(() => api.createNamespacedCustomObject({ group, version, plural, namespace, body }), what('create', namespace))) as KubeObject;
    },
    async delete(namespace, name) {
      await orUndefined(() => api.deleteNamespacedCustomObject(ref(namespace, name)), what('delete', namespace, name));
    },
    async updateFinalizers(namespace, name, resourceVersion, finalizers) {
      // A merge patch carrying metadata.resourceVersion is a precondition: 409 if it moved on.
      const body = { metadata: { finalizers: [...finalizers], ...(resourceVersion ? { resourceVersion } : {}) } };
      return (await orUndefined(
        () => api.patchNamespacedCustomObject({ ...ref(namespace, name), body }, mergePatchOptions),
        what('update finalizers of', namespace, name),
      )) as KubeObject | undefined;
    },
    async patchStatus(namespace, name, previous, next) {
      const body = { status: mergePatch(previous, next) };
      return (await orUndefined(
        () => api.patchNamespacedCustomObjectStatus({ ...ref(namespace, name), body }, mergePatchOptions),
        what('patch status of', namespace, name),
      )) as KubeObject | undefined;
    },
  };
}
