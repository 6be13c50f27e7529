import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { ApiError } from '../errors.js';

/** Loopback, private, link-local, shared, multicast and reserved ranges: never a webhook target. */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b:1::', 48],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/**
 * Whether `address` (an IP) is one a webhook may be sent to. IPv4-mapped IPv6 addresses
 * (`::ffff:127.0.0.1`) are judged by their IPv4 rules.
 * @example isPublicAddress('10.1.2.3') // false
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A target the service will not call; the message says why, without the addresses it resolved to. */
export class TargetRefused extends Error {
  readonly code = 'ETARGETREFUSED';
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * A `lookup` for `http.request` that resolves the host and refuses it when any of its addresses
 * is not public, then connects to exactly the addresses it checked (no second resolution that
 * DNS rebinding could change).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
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
