import { RefractError, isRefractError } from '@refract/core';

/** True for E11000 (unique index violation), also inside bulk write errors. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Runs a MongoDB operation and turns driver failures into `REFRACT_ERR_STORAGE` (503) naming the
 * operation; RefractErrors pass through unchanged.
 */
export async function guarded<T>(operation: string, work: () => Promise<T>, onFailure?: (error: unknown) => void): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isRefractError(error)) throw error;
    onFailure?.(error);
    throw new RefractError('REFRACT_ERR_STORAGE', `MongoDB ${operation} failed: ${messageOf(error)}`, { cause: error });
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The connection string with any password replaced, for error messages and health output. */
export function redactUri(uri: string): string {
  return uri.replace(/(\/\/[^:@/]+):[^@/]*@/, '$1:***@');
}

/**
 * A copy without `undefined` values (deeply), so documents look the same whatever the client's
 * `ignoreUndefined` setting is.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutUndefined(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) out[key] = withoutUndefined(item);
  }
  return out as T;
}

/** A document minus `_id` and the given bookkeeping fields. */
export function stripFields<T>(document: Record<string, unknown>, fields: readonly string[] = []): T {
  const copy: Record<string, unknown> = { ...document };
  delete copy['_id'];
  for (const field of fields) delete copy[field];
  return copy as T;
}

/**
 * Wraps every method of a store so that driver failures become `REFRACT_ERR_STORAGE` naming the
 * operation, and are reported to `onFailure` / successes to `onSuccess` (health tracking).
 */
export function guardMethods<T extends object>(target: T, label: string, hooks: { onFailure: (error: unknown) => void; onSuccess: () => void }): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result = await guarded(`${label} ${String(property)}`, () => (value as (...parameters: unknown[]) => Promise<unknown>).apply(object, args), hooks.onFailure);
        hooks.onSuccess();
        return result;
      };
    },
  });
}
