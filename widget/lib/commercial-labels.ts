import { msg } from '@lit/localize';
import type { Commission, FinancialKind, FinancialStatus, Referral, RegistrationStatus } from '../api/commercial.types.js';

/** The commercial views' enum values in the person's language (in their chunks, not the first bundle). */
export const financialKindLabel = (kind: FinancialKind) =>
  ({ invoice: msg('Invoice'), quote: msg('Quote'), order: msg('Order'), contract: msg('Contract'), credit_note: msg('Credit note') })[kind];

export const financialStatusLabel = (status: FinancialStatus) =>
  ({
    draft: msg('Draft'),
    sent: msg('Sent'),
    accepted: msg('Accepted'),
    declined: msg('Declined'),
    paid: msg('Paid'),
    partially_paid: msg('Partially paid'),
    overdue: msg('Overdue'),
    void: msg('Void'),
  })[status];

export const registrationStatusLabel = (status: RegistrationStatus) =>
  ({
    submitted: msg('Submitted'),
    approved: msg('Approved'),
    rejected: msg('Rejected'),
    appealed: msg('Appealed'),
    expired: msg('Expired'),
    won: msg('Won'),
    lost: msg('Lost'),
  })[status];

export const referralStatusLabel = (status: Referral['status']) =>
  ({ submitted: msg('Submitted'), in_pipeline: msg('In the pipeline'), won: msg('Won'), lost: msg('Lost') })[status];

export const commissionStatusLabel = (status: Commission['status']) => ({ pending: msg('Pending'), earned: msg('Earned'), paid: msg('Paid') })[status];

/** A badge colour class for a status: good news green, bad news red, the rest muted or primary. */
export function toneOf(status: string): string {
  if (['paid', 'accepted', 'won', 'approved', 'earned'].includes(status)) return 'status-done';
  if (['overdue', 'declined', 'rejected', 'lost', 'expired', 'void'].includes(status)) return 'status-blocked';
  if (['sent', 'partially_paid', 'in_pipeline', 'appealed'].includes(status)) return 'status-in_progress';
  return 'status-todo';
}

/** A rate as a percentage in the person's locale: 0.125 → "12.5 %". */
export const formatRate = (rate: number, locale: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(rate);
