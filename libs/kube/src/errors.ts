// The one place where @kubernetes/client-node errors are translated (ARCHITECTURE.md "Only
// adapters touch SDKs"): callers see `undefined` for not found, typed errors for conflict and
// gone, and a `KubeApiError` with the HTTP code for everything else. Nothing above this file
// looks at error text.
import { ApiException } from '@kubernetes/client-node';

/** 409: the object changed since it was read (optimistic concurrency) or already exists. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** 410: the requested resourceVersion is too old (watch expired); the caller must re-list. */
export class GoneError extends Error {
  override readonly name = 'GoneError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Any other failed API call; `code` is the HTTP status, or undefined for transport errors. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  constructor(
    message: string,
    readonly code: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const NOT_FOUND = 404;
const CONFLICT = 409;
const GONE = 410;

/** The HTTP status of an SDK or watch error, if it has one. */
export function statusCodeOf(err: unknown): number | undefined {
  if (err instanceof ApiException) return err.code;
  if (typeof err === 'object' && err !== null) {
    const { code, statusCode } = err as { code?: unknown; statusCode?: unknown };
    if (typeof statusCode === 'number') return statusCode;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** The Kubernetes `Status.message` of an error body when there is one, else the error's own message. */
function messageOf(err: unknown): string {
  if (err instanceof ApiException) {
    const body: unknown = err.body;
    const parsed = typeof body === 'string' ? safeJson(body) : body;
    const message = (parsed as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string' && message !== '') return message;
    return `HTTP ${err.code}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Translates any error thrown by the SDK into ConflictError, GoneError or KubeApiError. */
export function toKubeError(err: unknown, what: string): Error {
  if (err instanceof ConflictError || err instanceof GoneError || err instanceof KubeApiError) return err;
  const code = statusCodeOf(err);
  const message = `${what}: ${messageOf(err)}`;
  if (code === CONFLICT) return new ConflictError(message, { cause: err });
  if (code === GONE) return new GoneError(message, { cause: err });
  return new KubeApiError(message, code, { cause: err });
}

/** Runs an SDK call; not found becomes `undefined`, other errors are translated. */
export async function orUndefined<T>(call: () => Promise<T>, what: string): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (statusCodeOf(err) === NOT_FOUND) return undefined;
    throw toKubeError(err, what);
  }
}

/** Runs an SDK call, translating its errors. */
export async function translated<T>(call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toKubeError(err, what);
  }
}
