import type { Principal } from '../../auth/principal.js';

/**
 * Whether `viewer` may see a deal's value: the team always; a contact only when the vendor
 * shares it and the contact holds `deals.view_value`. Reads, lists and live events all ask it.
 */
export const seesValue = (viewer: Principal, deal: { value_shared: boolean }): boolean =>
  viewer.kind !== 'contact' || (deal.value_shared && viewer.capabilities.has('deals.view_value'));

/**
 * An event's data as a contact may read it: a deal's value withheld unless `seesValue`, a
 * referral's deal id withheld
 * (the event log keeps the staff view, which webhooks deliver to the vendor).
 * @example const data = redactForViewer(JSON.parse(row.data), principal);
 */
export function redactForViewer(data: Record<string, unknown>, viewer: Principal): Record<string, unknown> {
  if (viewer.kind !== 'contact') return data;
  const deal = data.deal as { value: number | null; value_shared: boolean } | undefined;
  // A referral's deal is the prospect's, another customer's: the partner hears only the status.
  const referral = data.referral as { deal_id: string | null } | undefined;
  let shown = data;
  if (deal && !seesValue(viewer, deal)) shown = { ...shown, deal: { ...deal, value: null } };
  if (referral) shown = { ...shown, referral: { ...referral, deal_id: null } };
  return shown;
}
