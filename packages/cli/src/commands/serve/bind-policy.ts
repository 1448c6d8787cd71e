import { isLoopbackHost } from './loopback';

/**
 * Why the server must not listen on `host`, or undefined when it may. While no API key is
 * required (no tenants or keys configured), only this machine may call it: a non-loopback
 * address is refused unless `allowOpen` says the network is trusted.
 *
 * @example
 * bindRefusal({ auth: 'auto', host: '0.0.0.0', allowOpen: false }); // 'refusing to listen on 0.0.0.0 …'
 */
export function bindRefusal(options: { auth: 'required' | 'auto'; host: string; allowOpen: boolean }): string | undefined {
  if (options.auth === 'required' || options.allowOpen || isLoopbackHost(options.host)) return undefined;
  return (
    `refusing to listen on ${options.host} without API keys: anyone who can reach that address could use your providers. ` +
    'Listen on 127.0.0.1 (the default), declare tenants and keys in the config (see packages/cli/README.md ("refract serve")), or pass --allow-open if the network is trusted.'
  );
}
