import { isRefractError, type RefractValidationError } from '@refract/core';

/** An unreadable or invalid config file. The CLI prints it and exits with 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    message: string,
    /** One line per offending field: `path: what is wrong`. */
    readonly problems: readonly string[] = [],
    /** What to do about it. */
    readonly fix?: string,
  ) {
    super(message);
  }

  /** The text printed to stderr. */
  describe(): string {
    const lines = [`refract: ${this.message}`];
    for (const problem of this.problems) lines.push(`  - ${problem}`);
    if (this.fix) lines.push(this.fix);
    return `${lines.join('\n')}\n`;
  }
}

/** True for errors that mean "the configuration is wrong" rather than "this request is wrong". */
export function isConfigProblem(error: unknown): error is Error & { code: 'REFRACT_ERR_CONFIG' } {
  return isRefractError(error) && error.code === 'REFRACT_ERR_CONFIG';
}

/** Turns a router config error (thrown by `createRouter` or on first use) into a `ConfigError`. */
export function configErrorFrom(error: Error & { code: 'REFRACT_ERR_CONFIG' }, source: string): ConfigError {
  const issues = (error as Partial<RefractValidationError>).issues;
  const fix = `Fix ${issues && issues.length > 1 ? 'these fields' : 'this'} in ${source}, or run without --config to use the built-in catalog.`;
  if (issues && issues.length > 0) {
    const what = error.message.replace(/^Invalid ([^:]+):.*$/s, '$1');
    return new ConfigError(`invalid ${what} in ${source}`, issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`), fix);
  }
  return new ConfigError(`invalid config in ${source}: ${error.message}`, [], fix);
}
