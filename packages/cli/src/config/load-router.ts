import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRouter, type Router } from '@refract/core';
import { ConfigError, configErrorFrom, isConfigProblem } from './config-error';
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
  const path = resolve(cwd, configPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError(`cannot read config file ${configPath}: ${reason}`, [], 'Pass an existing JSON file to --config, or leave --config out to use the built-in catalog.');
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${configPath} is not valid JSON: ${(error as Error).message}`, [], 'The config file must be one JSON object (see packages/cli/README.md).');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(`${configPath} must hold a JSON object, not ${Array.isArray(input) ? 'an array' : String(input === null ? 'null' : typeof input)}`);
  }
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
