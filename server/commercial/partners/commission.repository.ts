import type { Kysely } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import { visibleTo } from '../../auth/visibility.js';
import type { Commission, Database, PartnerTier } from '../../db/database.js';
import { ApiError, notFound } from '../../errors.js';
import { recordEvent } from '../../events/record-event.js';
import type { EventType } from '../../events/event-types.js';
import { csvLine } from '../../lib/csv.js';
import { newId } from '../../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../../lib/pagination.js';
import { commissionOf, fromBasisPoints, readMoney } from '../money.js';
import type { CommissionFilters, CommissionView } from './commission.schema.js';

type Row = Commission & { company: string };

const toView = (row: Row): CommissionView => ({
  id: row.id,
  customer_id: row.customer_id,
  registration_id: row.registration_id,
  company: row.company,
  tier_id: row.tier_id,
  deal_value: readMoney(row.deal_value),
  rate: fromBasisPoints(row.rate_bp),
  amount: readMoney(row.amount),
  currency: row.currency,
  status: row.status,
  paid_at: row.paid_at,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

function select(db: Kysely<Database>, principal: Principal) {
  return db
    .selectFrom('commissions as m')
    .innerJoin('deal_registrations as g', 'g.id', 'm.registration_id')
    .selectAll('m')
    .select('g.company')
    .where(visibleTo(principal, 'commissions', 'm'));
}

export async function listCommissions(db: Kysely<Database>, principal: Principal, filters: Omit<CommissionFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<CommissionView>> {
  let query = select(db, principal);
  if (filters.customer_id) query = query.where('m.customer_id', '=', filters.customer_id);
  if (filters.status) query = query.where('m.status', '=', filters.status);
  const [paged, toPage] = paginate(query, 'm', filters, 'desc');
  return toPage((await paged.execute()) as Row[], toView);
}

export async function getCommission(db: Kysely<Database>, principal: Principal, id: string): Promise<CommissionView> {
  const row = (await select(db, principal).where('m.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound('Commission');
  return toView(row);
}

function record(trx: Kysely<Database>, principal: Principal, type: EventType, commission: CommissionView, extra: Record<string, unknown> = {}) {
  return recordEvent(trx, principal, { type, table: 'commissions', subjectId: commission.id, customerId: commission.customer_id, taskId: null, data: { commission, ...extra } });
}

/**
 * The commission of a won registration, at the partner's tier rate (half up to a whole minor
 * unit), `earned` at once. No tier (none defined, or below the lowest): no commission.
 */
export async function earnCommission(
  trx: Kysely<Database>,
  principal: Principal,
  registration: { id: string; customer_id: string; currency: string },
  dealValue: number,
  tier: PartnerTier | null,
): Promise<CommissionView | null> {
  if (!tier) return null;
  const now = new Date().toISOString();
  const row: Commission = {
    id: newId('com'),
    tenant_id: principal.tenantId,
    customer_id: registration.customer_id,
    registration_id: registration.id,
    tier_id: tier.id,
    deal_value: dealValue,
    rate_bp: tier.rate_bp,
    amount: commissionOf(dealValue, tier.rate_bp),
    currency: registration.currency,
    status: 'earned',
    paid_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('commissions').values(row).execute();
  const commission = await getCommission(trx, principal, row.id);
  await record(trx, principal, 'commission.earned', commission);
  return commission;
}

/** Staff move a commission between pending (on hold), earned and paid; paid is final. */
export async function updateCommission(trx: Kysely<Database>, principal: Principal, id: string, status: Commission['status']): Promise<CommissionView> {
  const before = await getCommission(trx, principal, id);
  if (before.status === status) return before;
  if (before.status === 'paid') throw new ApiError(409, 'already_paid', 'A paid commission stays paid');
  const now = new Date().toISOString();
  await trx.updateTable('commissions').set({ status, paid_at: status === 'paid' ? now : null, updated_at: now }).where('id', '=', id).execute();
  const after = await getCommission(trx, principal, id);
  const extra = { changes: ['status'], previous: { status: before.status } };
  await record(trx, principal, 'commission.updated', after, extra);
  if (status === 'paid') await record(trx, principal, 'commission.paid', after);
  return after;
}

const DIGITS = new Map<string, number>();
/** The currency's minor-unit digits (2 for EUR, 0 for JPY), as ICU knows them. */
function digitsOf(currency: string): number {
  let digits = DIGITS.get(currency);
  if (digits === undefined) DIGITS.set(currency, (digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2));
  return digits;
}

/** Minor units as a plain decimal in major units, exactly (string arithmetic): 125050 EUR is "1250.50". */
export function decimal(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const HEADER = ['id', 'registration_id', 'company', 'deal_value', 'rate', 'amount', 'currency', 'status', 'paid_at', 'created_at'];

/** Every commission the caller may see, newest first, as CSV (amounts in major units, exact). */
export async function commissionsCsv(db: Kysely<Database>, principal: Principal, filters: Omit<CommissionFilters, 'limit' | 'cursor'>): Promise<string> {
  let out = csvLine(HEADER);
  let cursor: string | undefined;
  do {
    const page = await listCommissions(db, principal, { ...filters, limit: 200, cursor });
    for (const c of page.data) {
      out += csvLine([c.id, c.registration_id, c.company, decimal(c.deal_value, c.currency), c.rate, decimal(c.amount, c.currency), c.currency, c.status, c.paid_at, c.created_at]);
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}
