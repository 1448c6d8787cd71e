import { parseArgs } from 'node:util';
import { UsageError } from '../../cli/usage-error';

export interface ServeArgs {
  help: boolean;
  config: string | undefined;
  host: string;
  /** 0 picks a free port (the banner prints the one bound). */
  port: number;
  allowOpen: boolean;
  /** How long shutdown waits for requests in flight. */
  shutdownTimeoutMs: number;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** Parses `refract serve` arguments. @throws UsageError */
export function parseServeArgs(args: readonly string[]): ServeArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: false,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        config: { type: 'string', short: 'c' },
        host: { type: 'string' },
        port: { type: 'string', short: 'p' },
        'allow-open': { type: 'boolean' },
        'shutdown-timeout': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || values.port?.trim() === '') throw new UsageError(`--port must be a whole number from 0 to 65535, not '${values.port}'`);
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '' || /[\s/]/.test(host)) throw new UsageError(`--host must be an address or host name, not '${host}'`);
  const shutdown = values['shutdown-timeout'] === undefined ? DEFAULT_SHUTDOWN_TIMEOUT_MS : Number(values['shutdown-timeout']);
  if (!Number.isInteger(shutdown) || shutdown < 0 || shutdown > 600_000) throw new UsageError(`--shutdown-timeout must be milliseconds from 0 to 600000, not '${values['shutdown-timeout']}'`);
  if (values.config !== undefined && values.config.trim() === '') throw new UsageError('--config needs a file path');
  return { help: values.help ?? false, config: values.config, host, port, allowOpen: values['allow-open'] ?? false, shutdownTimeoutMs: shutdown };
}
