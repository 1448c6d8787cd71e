import { isIP } from 'node:net';

/**
 * True when only this machine can reach `host`: `localhost`, 127.0.0.0/8, `::1` (and their
 * IPv4-mapped forms). Wildcards (`0.0.0.0`, `::`) and every other address are not.
 *
 * @example
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  if (bare.startsWith('::ffff:')) return isLoopbackHost(bare.slice('::ffff:'.length));
  return false;
}

/** `host:port` for URLs (IPv6 in brackets); a wildcard bind is shown as 127.0.0.1, the address to call it on from here. */
export function urlHost(host: string, port: number): string {
  const callable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return isIP(callable) === 6 ? `[${callable}]:${port}` : `${callable}:${port}`;
}
