import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';

/**
 * Reads a JSON config file into a plain object (not yet validated).
 *
 * @throws ConfigError when the file cannot be read, is not JSON, or is not one JSON object.
 * @example
 * const input = await readConfigFile('refract.config.json', process.cwd());
 */
export async function readConfigFile(configPath: string, cwd: string): Promise<Record<string, unknown>> {
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
  return input as Record<string, unknown>;
}
