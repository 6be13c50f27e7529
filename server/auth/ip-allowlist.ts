import { BlockList, isIP } from 'node:net';

/** A customer's allowlist, compiled once: whether an address may call. */
export type IpAllowlist = (address: string) => boolean;

/**
 * A CIDR (`203.0.113.0/24`, `2001:db8::/32`) or a single address, in its canonical form, or
 * null when it is not one. A prefix longer than the address or host bits set are refused, so
 * what is stored reads as what it allows.
 * @example parseCidr('203.0.113.7/24') // null (host bits set); parseCidr('203.0.113.0/24') // {…}
 */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6'; canonical: string } | null {
  const match = /^([^/\s]+)(?:\/(\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const version = isIP(match[1]!);
  if (version === 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const bits = version === 4 ? 32 : 128;
  const prefix = match[2] === undefined ? bits : Number(match[2]);
  if (prefix > bits) return null;
  const address = match[1]!.toLowerCase();
  // The address must be the range's first, so that what is stored reads as what it allows.
  if (prefix < bits && !firstOfRange(address, prefix, family)) return null;
  return { address, prefix, family, canonical: `${address}/${prefix}` };
}

function firstOfRange(address: string, prefix: number, family: 'ipv4' | 'ipv6'): boolean {
  const value = family === 'ipv4' ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const bits = family === 'ipv4' ? 32 : 128;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  return (value & hostMask) === 0n;
}

const ipv4ToBigInt = (address: string) => address.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) as two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]!);
    text = `${text.slice(0, -v4[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].reduce((n, part) => (n << 16n) | BigInt(parseInt(part || '0', 16)), 0n);
}

/** An IPv4 address written as IPv6 (`::ffff:203.0.113.7`, what a dual-stack socket reports) as plain IPv4. */
const unmapped = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;

/**
 * The allowlist stored as a JSON list of CIDRs, compiled; null when it is empty (any address).
 * An address that is not one (an in-process request) is outside every non-empty list.
 * @example compileAllowlist('["203.0.113.0/24"]')?.('203.0.113.9') // true
 */
export function compileAllowlist(json: string): IpAllowlist | null {
  let cidrs: unknown;
  try {
    cidrs = JSON.parse(json);
  } catch {
    cidrs = [];
  }
  if (!Array.isArray(cidrs) || cidrs.length === 0) return null;
  const list = new BlockList();
  for (const text of cidrs) {
    const cidr = typeof text === 'string' ? parseCidr(text) : null;
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return (address) => {
    const plain = unmapped(address);
    const version = isIP(plain);
    if (version === 0) return false;
    return list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  };
}
