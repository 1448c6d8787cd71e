import { isIP } from 'node:net';

/**
 * True for `localhost` names and literal loopback, private, link-local (cloud metadata),
 * unspecified and carrier-grade NAT addresses, IPv4 and IPv6 (IPv4-mapped included). Names are
 * not resolved through DNS: this is a cheap guard against server-side request forgery through
 * caller-supplied URLs, not a firewall.
 *
 * @example
 * isPrivateAddress('169.254.169.254'); // true
 * isPrivateAddress('[::ffff:7f00:1]'); // true (127.0.0.1, IPv4-mapped)
 */
export function isPrivateAddress(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  switch (isIP(host)) {
    case 4:
      return privateV4(host);
    case 6:
      return privateV6(host);
    default:
      return false;
  }
}

function privateV4(address: string): boolean {
  const [first = 0, second = 0] = address.split('.').map(Number);
  if (first === 0 || first === 10 || first === 127) return true;
  if (first === 169 && second === 254) return true;
  if (first === 172 && second >= 16 && second <= 31) return true;
  if (first === 192 && second === 168) return true;
  return first === 100 && second >= 64 && second <= 127;
}

function privateV6(address: string): boolean {
  if (address === '::' || address === '::1') return true;
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (dotted) return privateV4(dotted);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (hex?.[1] && hex[2]) {
    const high = Number.parseInt(hex[1], 16);
    const low = Number.parseInt(hex[2], 16);
    return privateV4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const leading = Number.parseInt(address.split(':')[0] || '0', 16);
  // fc00::/7 unique local, fe80::/10 link-local
  return (leading & 0xfe00) === 0xfc00 || (leading & 0xffc0) === 0xfe80;
}
