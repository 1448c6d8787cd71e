import { createRouter, type Router } from '@refract/core';
import { configErrorFrom, isConfigProblem } from './config-error';
import { readConfigFile } from './read-config-file';
import { unknownKeys } from './unknown-keys';

export interface LoadedRouter {
  router: Router;
  /** Where the config came from, for messages (`built-in catalog` or the file path). */
  source: string;
  /** Non-fatal problems, e.g. keys the config schema does not know (they are ignored). */
  warnings: string[];
}

/** Top-level keys that editors use and the router ignores on purpose. */
const IGNORED_KEYS = new Set(['$schema']);

/**
 * Builds the router for a command: from a JSON config file (validated by the router), or, with no
 * file, from the built-in catalog (every catalog model at its own provider).
 *
 * @throws ConfigError when the file cannot be read, is not JSON, or fails validation.
 * @example
 * const { router, warnings } = await loadRouter('refract.config.json', process.cwd());
 */
export async function loadRouter(configPath: string | undefined, cwd: string): Promise<LoadedRouter> {
  if (configPath === undefined) return { router: createRouter(), source: 'built-in catalog', warnings: [] };
  const input = await readConfigFile(configPath, cwd);
  let router: Router;
  try {
    router = createRouter(input);
  } catch (error) {
    if (isConfigProblem(error)) throw configErrorFrom(error, configPath);
    throw error;
  }
  const warnings = unknownKeys(input, router.config)
    .filter((key) => !IGNORED_KEYS.has(key))
    .map((key) => `${configPath}: unknown key '${key}' is ignored`);
  return { router, source: configPath, warnings };
}
