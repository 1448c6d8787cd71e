/**
 * @refract/adapters: provider adapters, one subpath each (`@refract/adapters/openai`, …).
 * The root export holds the shared HTTP and stream helpers adapters are built from.
 */
export * from './shared';
export * from './factory';
