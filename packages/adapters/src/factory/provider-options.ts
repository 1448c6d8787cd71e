import { RefractError } from '@refract/core';
import { isRecord } from '../shared/json-values';

/** The environment a factory reads: `process.env`, or a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** What a provider option may hold. */
export type OptionKind = 'string' | 'number' | 'string[]' | 'string-record';

/** Options every provider type accepts. */
export const COMMON_OPTIONS = { timeoutMs: 'number', connectTimeoutMs: 'number', headers: 'string-record', apiKeyEnv: 'string' } as const satisfies Record<string, OptionKind>;

/** Option names that would put a secret into a config file. */
const SECRET_OPTIONS = new Set(['apiKey', 'api_key', 'authToken', 'azureADToken', 'credentials', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'password', 'token']);

/** Header names that carry credentials. */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'proxy-authorization']);

/**
 * The `options` of one provider config, checked against what its type accepts: a clear
 * `REFRACT_ERR_CONFIG` error names `providers.<id>.options.<key>` for an unknown option, a value of
 * the wrong kind, or a secret written into the file (keys belong in environment variables, named
 * with `apiKeyEnv`).
 */
export class ProviderOptions {
  private readonly values: Record<string, unknown>;

  constructor(
    readonly providerId: string,
    options: unknown,
    allowed: Readonly<Record<string, OptionKind>>,
    private readonly env: Environment,
  ) {
    if (options !== undefined && !isRecord(options)) throw this.problem('options', 'must be an object');
    this.values = options ?? {};
    const accepted = { ...COMMON_OPTIONS, ...allowed };
    for (const [key, value] of Object.entries(this.values)) {
      if (SECRET_OPTIONS.has(key)) {
        throw this.problem(key, `holds a secret; keep keys out of config files: put it in an environment variable and name that variable with "apiKeyEnv"`);
      }
      const kind = accepted[key as keyof typeof accepted];
      if (kind === undefined) throw this.problem(key, `is not an option of this provider type (options: ${Object.keys(accepted).sort().join(', ')})`);
      if (!matches(value, kind)) throw this.problem(key, `must be ${describeKind(kind)}`);
    }
    const secretHeader = Object.keys(this.record('headers') ?? {}).find((name) => SECRET_HEADERS.has(name.toLowerCase()));
    if (secretHeader !== undefined) throw this.problem('headers', `must not carry credentials (${secretHeader}); name the key variable with "apiKeyEnv"`);
  }

  string(key: string): string | undefined {
    const value = this.values[key];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  }

  number(key: string): number | undefined {
    const value = this.values[key];
    return typeof value === 'number' ? value : undefined;
  }

  strings(key: string): string[] | undefined {
    const value = this.values[key];
    return Array.isArray(value) ? (value as string[]) : undefined;
  }

  record(key: string): Record<string, string> | undefined {
    const value = this.values[key];
    return isRecord(value) ? (value as Record<string, string>) : undefined;
  }

  /**
   * The API key: from the variable `apiKeyEnv` names (which must then be set), else from
   * `defaultEnv` when given (the vendor's own variable, used only for the vendor's own endpoint).
   */
  apiKey(defaultEnv: string | undefined): string | undefined {
    const named = this.string('apiKeyEnv');
    if (named !== undefined) {
      const value = nonEmpty(this.env[named]);
      if (value === undefined) throw this.problem('apiKeyEnv', `names ${named}, which is not set (or empty) in the environment`);
      return value;
    }
    return defaultEnv === undefined ? undefined : nonEmpty(this.env[defaultEnv]);
  }

  /** Timeouts and headers, in the shape every adapter takes. */
  base(): { id: string; timeoutMs?: number; connectTimeoutMs?: number; headers?: Record<string, string> } {
    const timeoutMs = this.number('timeoutMs');
    const connectTimeoutMs = this.number('connectTimeoutMs');
    const headers = this.record('headers');
    return { id: this.providerId, ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(connectTimeoutMs !== undefined ? { connectTimeoutMs } : {}), ...(headers ? { headers } : {}) };
  }

  /** A config error about one option of this provider. */
  problem(key: string, message: string): RefractError {
    const path = key === 'options' ? `providers.${this.providerId}.options` : `providers.${this.providerId}.options.${key}`;
    return new RefractError('REFRACT_ERR_CONFIG', `${path} ${message}`, { param: path });
  }
}

/** The value when set and not blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function matches(value: unknown, kind: OptionKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value > 0;
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'string-record':
      return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
  }
}

function describeKind(kind: OptionKind): string {
  return { string: 'a string', number: 'a positive number', 'string[]': 'an array of strings', 'string-record': 'an object of strings' }[kind];
}
