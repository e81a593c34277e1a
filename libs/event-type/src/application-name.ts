// Application-name cleaning of Kyma's proxy (reference 2.8.3, 2.9). An Application CR may carry an
// `application-type` label that replaces its name wherever the proxy derives types or sources.

/** The parts of an Application custom resource that the naming rules read. */
export interface ApplicationLike {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Looks an Application up by its exact name; `undefined` when absent or lookups are disabled. */
export type ApplicationResolver = (name: string) => ApplicationLike | undefined;

/** The label key, compared after lower-casing the label's key (reference 2.8.3). */
export const APPLICATION_TYPE_LABEL = 'application-type';

/** Go's `\W|_`: everything but ASCII letters and digits (non-ASCII letters such as `Ä` too). */
const NON_ALPHANUMERIC = /[^A-Za-z0-9]/g;

/** `appCleanName`: keep only `[A-Za-z0-9]`. */
export function cleanApplicationName(name: string): string {
  return name.replace(NON_ALPHANUMERIC, '');
}

/**
 * `appTypeOrName`: the first label whose lower-cased key is `application-type`, else the name.
 * Kubernetes label keys are ASCII, so JS and Go lower-casing agree.
 */
export function applicationTypeOrName(app: ApplicationLike): string {
  for (const [key, value] of Object.entries(app.labels ?? {})) {
    if (key.toLowerCase() === APPLICATION_TYPE_LABEL) return value;
  }
  return app.name;
}

/** `appCleanTypeOrName`: the label (or name) cleaned to `[A-Za-z0-9]`. */
export function cleanApplicationTypeOrName(app: ApplicationLike): string {
  return cleanApplicationName(applicationTypeOrName(app));
}

/**
 * The clean application segment for a raw name: the resolved Application's clean type-or-name when
 * one exists, else the raw name cleaned (reference 2.8.2 step 2, 2.5.3 step B).
 */
export function resolveCleanApplicationName(rawName: string, resolveApp?: ApplicationResolver): string {
  const app = resolveApp?.(rawName);
  return app === undefined ? cleanApplicationName(rawName) : cleanApplicationTypeOrName(app);
}
