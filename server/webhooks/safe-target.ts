import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ApiError } from '../errors.js';

/**
 * The IPv4 addresses an IPv6 address stands for, by the transition mechanisms that carry IPv4
 * inside IPv6: a NAT64 gateway, a 6to4 relay or a dual stack that reaches these IPv6 addresses
 * reaches those IPv4 hosts. Teredo yields both its server and its (bit-inverted) client.
 * ipaddr.js names the well-known ranges; where the IPv4 sits in each is from its RFC.
 */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const p = address.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d (RFC 4291)
    case 'rfc6145': // ::ffff:0:a.b.c.d, IPv4-translated (RFC 6145)
      return [v4(p[6]!, p[7]!)];
    case 'rfc6052': // 64:ff9b::/96 NAT64 (RFC 6052); 64:ff9b:1::/48 (RFC 8215, local use) is refused whole
      return [v4(p[6]!, p[7]!)];
    case '6to4': // 2002:AABB:CCDD::/48 (RFC 3056)
      return [v4(p[1]!, p[2]!)];
    case 'teredo': // 2001:0:SERVER:flags:port:~CLIENT (RFC 4380)
      return [v4(p[2]!, p[3]!), v4(p[6]! ^ 0xffff, p[7]! ^ 0xffff)];
    default:
      // ::a.b.c.d, IPv4-compatible (RFC 4291, deprecated); :: and ::1 have ranges of their own.
      if (p.slice(0, 6).every((part) => part === 0)) return [v4(p[6]!, p[7]!)];
      // ISATAP interface identifiers, under any prefix: ::0:5efe:a.b.c.d or ::200:5efe:a.b.c.d (RFC 5214).
      if ((p[4]! & 0xfdff) === 0 && p[5] === 0x5efe) return [v4(p[6]!, p[7]!)];
      return [];
  }
}

/** The IPv6 ranges a target may be in: ordinary unicast, or a mechanism whose embedded IPv4 is judged instead. */
const TRANSITION_RANGES = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

/**
 * Whether `address` (an IP) is one a webhook may be sent to: only ordinary unicast, never
 * loopback, private, link-local, shared, multicast, reserved or documentation ranges (the
 * ranges ipaddr.js names), and never an IPv6 address embedding an IPv4 address that is not
 * itself one a webhook may be sent to (`::ffff:127.0.0.1`, `64:ff9b::10.0.0.1`, `2002:7f00:1::`).
 * @example isPublicAddress('10.1.2.3') // false
 */
export function isPublicAddress(address: string): boolean {
  // Node's parser is strict (no `0x7f.1` or `0177.0.0.1`); ipaddr.js only reads what it accepted.
  if (isIP(address) === 0) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  const localUseNat64 = range === 'rfc6052' && v6.parts[2] !== 0;
  if (localUseNat64 || (range !== 'unicast' && !TRANSITION_RANGES.has(range))) return false;
  return embeddedIpv4(v6).every((v4) => v4.range() === 'unicast');
}

/** A target the service will not call; the message says why, without the addresses it resolved to. */
export class TargetRefused extends Error {
  readonly code = 'ETARGETREFUSED';
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * A `lookup` for `http.request` that resolves the host and refuses it when any of its addresses
 * is not public, then connects to exactly the addresses it checked (no second resolution that
 * DNS rebinding could change). `resolve` is the system resolver but for tests of what DNS may answer.
 */
export function guardedLookup(allowPrivate: boolean, resolve: typeof dnsLookup = dnsLookup) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '');
      if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
        return callback(new TargetRefused(`${hostname} resolves to a loopback, private or link-local address`), '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** Resolves every address of `hostname` (or takes the literal IP). */
function resolveAll(hostname: string): Promise<string[]> {
  if (isIP(hostname)) return Promise.resolve([hostname]);
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))),
  );
}

/**
 * Checks a webhook URL before it is saved: http or https, and (unless private targets are
 * allowed) a host whose every address is public. A 400 otherwise.
 * @example await checkWebhookUrl('https://hooks.vendor.test/portal', config.webhookAllowPrivate);
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<void> {
  const refuse = (message: string) => new ApiError(400, 'webhook_target_refused', message, [{ path: 'url', message }]);
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('The URL must be http or https');
  if (allowPrivate) return;
  let addresses: string[];
  try {
    addresses = await resolveAll(hostOf(url));
  } catch {
    throw refuse(`The host ${url.hostname} does not resolve`);
  }
  if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a))) {
    throw refuse('Webhooks cannot target loopback, private or link-local addresses');
  }
}

/** The literal-IP check that `lookup` cannot do (Node does not resolve IP literals). */
export function checkLiteralTarget(url: URL, allowPrivate: boolean): void {
  const host = hostOf(url);
  if (!allowPrivate && isIP(host) && !isPublicAddress(host)) {
    throw new TargetRefused(`${host} is a loopback, private or link-local address`);
  }
}
