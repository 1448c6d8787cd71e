import { parseClassifierSection, type ClassifierSection } from '../../config/classifier-config';
import { ConfigError } from '../../config/config-error';
import { readConfigFile } from '../../config/read-config-file';

/** An API key declared in the config file: its value lives in an environment variable, or only its SHA-256 is written. */
export interface ConfigApiKey {
  tenant: string;
  label?: string;
  /** The variable holding the key (`rk_…` or any string of 16+ characters). */
  keyEnv?: string;
  /** The key's SHA-256, hex (what `hashApiKey` of `@refract/core` computes). */
  sha256?: string;
}

/** What `refract serve` reads from `--config`: the router config, and its own `serve` section. */
export interface ServeFileConfig {
  /** Everything but `serve`, for `createRouter`. */
  router: Record<string, unknown>;
  apiKeys: ConfigApiKey[];
  /** The top-level `classifier` section (the shipped learned classifier when absent). */
  classifier: ClassifierSection;
  /** Where it came from, for messages. */
  source: string;
}

const KEY_FIELDS = new Set(['tenant', 'label', 'keyEnv', 'sha256']);

/**
 * Reads the config file of `refract serve`: a router config (`RouterConfigInput`) with an optional
 * `serve` section, `{"serve": {"apiKeys": [{"tenant": "acme", "keyEnv": "ACME_API_KEY"}]}}`, and an
 * optional `classifier` section (`parseClassifierSection`).
 * Without a file: an empty router config (providers come from the environment) and the shipped
 * learned classifier.
 *
 * @throws ConfigError naming every bad field of the `serve` section.
 */
export async function readServeConfig(configPath: string | undefined, cwd: string): Promise<ServeFileConfig> {
  if (configPath === undefined) return { router: {}, apiKeys: [], classifier: parseClassifierSection(undefined, 'environment'), source: 'environment' };
  const { serve, classifier: classifierSection, ...router } = await readConfigFile(configPath, cwd);
  const classifier = parseClassifierSection(classifierSection, configPath);
  const problems: string[] = [];
  const apiKeys: ConfigApiKey[] = [];
  if (serve !== undefined) {
    if (!isObject(serve)) problems.push('serve: must be an object');
    else {
      for (const key of Object.keys(serve)) if (key !== 'apiKeys') problems.push(`serve.${key}: unknown key (serve takes only "apiKeys")`);
      const declared = serve['apiKeys'];
      if (declared !== undefined && !Array.isArray(declared)) problems.push('serve.apiKeys: must be an array');
      if (Array.isArray(declared)) declared.forEach((entry: unknown, index) => apiKeys.push(...parseKey(entry, `serve.apiKeys.${index}`, problems)));
    }
  }
  if (problems.length > 0) throw new ConfigError(`invalid serve section in ${configPath}`, problems, `Fix ${problems.length > 1 ? 'these fields' : 'this'} in ${configPath} (see packages/cli/README.md ("refract serve")).`);
  return { router, apiKeys, classifier, source: configPath };
}

function parseKey(entry: unknown, path: string, problems: string[]): ConfigApiKey[] {
  if (!isObject(entry)) {
    problems.push(`${path}: must be an object like {"tenant": "acme", "keyEnv": "ACME_API_KEY"}`);
    return [];
  }
  const before = problems.length;
  for (const key of Object.keys(entry)) if (!KEY_FIELDS.has(key)) problems.push(`${path}.${key}: unknown key (${key === 'key' || key === 'apiKey' ? 'never write a key into the file: put it in an environment variable and name it with "keyEnv", or give its "sha256"' : 'use tenant, label, keyEnv or sha256'})`);
  const { tenant, label, keyEnv, sha256 } = entry;
  if (typeof tenant !== 'string' || tenant === '') problems.push(`${path}.tenant: must name a tenant`);
  if (label !== undefined && typeof label !== 'string') problems.push(`${path}.label: must be a string`);
  if ((keyEnv === undefined) === (sha256 === undefined)) problems.push(`${path}: give exactly one of "keyEnv" and "sha256"`);
  if (keyEnv !== undefined && (typeof keyEnv !== 'string' || keyEnv === '')) problems.push(`${path}.keyEnv: must name an environment variable`);
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256))) problems.push(`${path}.sha256: must be 64 hexadecimal characters`);
  if (problems.length > before) return [];
  return [{ tenant: tenant as string, ...(typeof label === 'string' ? { label } : {}), ...(typeof keyEnv === 'string' ? { keyEnv } : {}), ...(typeof sha256 === 'string' ? { sha256: sha256.toLowerCase() } : {}) }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
