import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `../shared` beside the repository (fixtures, eval data, services), or `REFRACT_SHARED_DIR`.
 * Tests that need it fail loudly when it is missing rather than skipping.
 */
export const SHARED_DIR = process.env['REFRACT_SHARED_DIR'] ?? resolve(REPO_ROOT, '..', 'shared');

export function sharedPath(...parts: string[]): string {
  const path = join(SHARED_DIR, ...parts);
  if (!existsSync(path)) {
    throw new Error(`missing ${path}: tests need ../shared beside the repository (or set REFRACT_SHARED_DIR)`);
  }
  return path;
}

export const PROVIDER_FIXTURES = (): string => sharedPath('fixtures', 'providers');
