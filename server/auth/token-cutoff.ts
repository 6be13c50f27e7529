/**
 * The latest time a person's access ended: their own deactivation or, for a contact, their
 * customer's portal being switched off. Anything issued before it (an embed token, a browser
 * session) stays refused for good, even once access is back.
 * @example const cutoff = accessCutoff(user.access_revoked_at, customer?.portal_disabled_at);
 */
export function accessCutoff(...ends: (string | null | undefined)[]): number | null {
  const times = ends.filter((end): end is string => typeof end === 'string').map((end) => Date.parse(end));
  return times.length > 0 ? Math.max(...times) : null;
}

/**
 * Whether a token issued at `iat` (whole seconds) may predate `cutoff` (milliseconds). `iat`
 * cannot tell the start of a second from its end, so every token of the cutoff's second is
 * refused; `issuedAtFor` keeps new tokens out of that second.
 * @example if (issuedBeforeCutoff(claims.issuedAt, access.cutoff)) throw revoked();
 */
export function issuedBeforeCutoff(iat: number, cutoff: number | null): boolean {
  return cutoff !== null && iat <= Math.floor(cutoff / 1000);
}

/**
 * The `iat` of a token issued now for a person whose access last ended at `cutoff`: now, or
 * the second after the cutoff's when access came back within that same second (at most a
 * second ahead of the clock, which verification does not mind).
 * @example tokens.sign(subject, 900, issuedAtFor(cutoff));
 */
export function issuedAtFor(cutoff: number | null, now = Date.now()): number {
  const second = Math.floor(now / 1000);
  return cutoff === null ? second : Math.max(second, Math.floor(cutoff / 1000) + 1);
}

/**
 * The cutoff a deactivation (or a portal switched off) records at `now`: now, or later when an
 * earlier cutoff among `previous` (the person's and their portal's) was so recent that tokens
 * issued since carry the second after it (`issuedAtFor`): those must fall before this cutoff.
 * @example set.access_revoked_at = nextCutoff(Date.now(), row.access_revoked_at, customer.portal_disabled_at);
 */
export function nextCutoff(now: number, ...previous: (string | null | undefined)[]): string {
  const latest = accessCutoff(...previous);
  return new Date(latest === null ? now : Math.max(now, (Math.floor(latest / 1000) + 1) * 1000)).toISOString();
}
