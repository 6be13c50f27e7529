import type { Kysely } from 'kysely';
import { EmailAddress } from '../auth/magic-link.js';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import { transact, type Deps } from '../context.js';
import type { Database, User } from '../db/database.js';
import { retryOnConflict } from '../db/errors.js';
import { invalid, notFound } from '../errors.js';
import { inviteInBackground } from '../invites/invite.js';
import { CsvError, parseCsv } from '../lib/csv.js';
import { insertUser } from '../users/user.repository.js';
import { MAX_IMPORT_ROWS, type ImportInput, type ImportReport, type ImportRow } from './contact-import.schema.js';

interface FileRow {
  line: number;
  name: string;
  email: string;
  externalId: string | null;
}

const COLUMNS = ['name', 'email', 'external_id'] as const;

const csvProblem = (message: string) => invalid(`The CSV cannot be imported: ${message}`, [{ path: 'csv', message }]);

/** The file's rows under its header; a file that cannot be read, or lacks a column, is a 400. */
function readRows(csv: string): FileRow[] {
  let records;
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvError) throw csvProblem(error.message);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw csvProblem('line 1: the header row is missing (name,email)');
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const column: Partial<Record<(typeof COLUMNS)[number], number>> = {};
  for (const name of COLUMNS) {
    const at = names.indexOf(name);
    if (at !== -1 && names.indexOf(name, at + 1) !== -1) throw csvProblem(`line 1: the column "${name}" appears twice`);
    if (at !== -1) column[name] = at;
  }
  const missing = (['name', 'email'] as const).filter((name) => column[name] === undefined);
  if (missing.length > 0) throw csvProblem(`line 1: the header row must name the columns name and email (missing: ${missing.join(', ')})`);
  if (rows.length > MAX_IMPORT_ROWS) throw csvProblem(`at most ${MAX_IMPORT_ROWS} rows a file (this one has ${rows.length})`);
  const cell = (fields: string[], at: number | undefined) => (at === undefined ? '' : (fields[at] ?? '').trim());
  return rows.map(({ line, fields }) => ({
    line,
    name: cell(fields, column.name),
    email: cell(fields, column.email),
    externalId: cell(fields, column.external_id) || null,
  }));
}

/** A row of the report, and what to insert when it says `created`. */
type PlannedRow = ImportRow & { insert?: { name: string; email: string; externalId: string | null } };

/** Why a row cannot be a contact by itself (before looking at other rows or the database). */
function rowProblem(row: FileRow): string | null {
  if (!row.name) return 'name is required';
  if (row.name.length > 200) return 'name is longer than 200 characters';
  if (!row.email) return 'email is required';
  if (!EmailAddress.safeParse(row.email).success) return 'not a valid email address';
  if (row.externalId && row.externalId.length > 200) return 'external_id is longer than 200 characters';
  return null;
}

/**
 * What importing `rows` into `customerId` does, row by row, reading (never writing) `db`:
 * the same plan serves the preview and, inside the write's transaction, the import itself.
 */
async function plan(db: Kysely<Database>, principal: Principal, customerId: string, rows: FileRow[]): Promise<PlannedRow[]> {
  const valid = rows.filter((row) => !rowProblem(row));
  const emails = [...new Set(valid.map((row) => row.email.toLowerCase()))];
  const externalIds = [...new Set(valid.flatMap((row) => (row.externalId ? [row.externalId] : [])))];
  const byEmail = new Map<string, Pick<User, 'id' | 'role' | 'customer_id' | 'portal_access'>>();
  const usedExternalIds = new Set<string>();
  if (emails.length > 0) {
    const found = await db
      .selectFrom('users')
      .select(['id', 'email', 'role', 'customer_id', 'portal_access'])
      .where('tenant_id', '=', principal.tenantId)
      .where('email', 'in', emails)
      .orderBy('created_at')
      .execute();
    // A contact of this customer wins over other people with the same address.
    for (const user of found) if (!byEmail.has(user.email!) || user.customer_id === customerId) byEmail.set(user.email!, user);
  }
  if (externalIds.length > 0) {
    const found = await db.selectFrom('users').select('external_id').where('tenant_id', '=', principal.tenantId).where('external_id', 'in', externalIds).execute();
    for (const user of found) usedExternalIds.add(user.external_id!);
  }

  const firstLineOf = new Map<string, number>();
  const firstLineOfExternalId = new Map<string, number>();
  return rows.map((row): PlannedRow => {
    const base = { line: row.line, name: row.name, email: row.email };
    const refuse = (reason: string): PlannedRow => ({ ...base, status: 'refused', reason });
    const problem = rowProblem(row);
    if (problem) return refuse(problem);
    const email = row.email.toLowerCase();
    const earlier = firstLineOf.get(email);
    if (earlier !== undefined) return refuse(`duplicate of line ${earlier}`);
    firstLineOf.set(email, row.line);
    if (row.externalId) {
      const earlierId = firstLineOfExternalId.get(row.externalId);
      if (earlierId !== undefined) return refuse(`external_id duplicate of line ${earlierId}`);
      firstLineOfExternalId.set(row.externalId, row.line);
    }
    const existing = byEmail.get(email);
    if (existing?.role === 'contact' && existing.customer_id === customerId) {
      return { ...base, status: 'exists', user_id: existing.id, ...(existing.portal_access === 'deactivated' ? { reason: 'access deactivated' } : {}) };
    }
    if (existing) return refuse(existing.role === 'staff' ? 'already a member of your team' : 'already a contact of another customer');
    if (row.externalId && usedExternalIds.has(row.externalId)) return refuse('external_id is already used by another person');
    return { ...base, status: 'created', insert: { name: row.name, email, externalId: row.externalId } };
  });
}

function report(rows: PlannedRow[], dryRun: boolean): ImportReport {
  const count = (status: ImportRow['status']) => rows.filter((row) => row.status === status).length;
  return {
    dry_run: dryRun,
    rows: rows.map(({ insert: _insert, ...row }) => row),
    created: count('created'),
    exists: count('exists'),
    refused: count('refused'),
  };
}

/**
 * Imports contacts into a customer from CSV, reporting every row; `dry_run` writes nothing.
 * New contacts are `invited`; with `invite`, each gets the invitation email.
 * @example await importContacts(deps, principal, 'cus_…', { csv: 'name,email\nAna,ana@acme.test', dry_run: true, invite: false });
 */
export async function importContacts(deps: Deps, principal: Principal, customerId: string, input: ImportInput): Promise<ImportReport> {
  const rows = readRows(input.csv);
  const customer = await deps.db.selectFrom('customers as c').select(['c.id', 'c.portal_enabled']).where('c.id', '=', customerId).where(visibleTo(principal, 'customers', 'c')).executeTakeFirst();
  if (!customer) throw notFound('Customer');
  if (input.dry_run) return report(await plan(deps.db, principal, customerId, rows), true);

  // A concurrent write taking an external id makes the insert fail: planned again, that row is refused.
  const { planned, created } = await retryOnConflict(() =>
    transact(deps, async (trx) => {
      const planned = await plan(trx, principal, customerId, rows);
      const created: User[] = [];
      for (const row of planned) {
        if (!row.insert) continue;
        const user = await insertUser(trx, principal, {
          role: 'contact',
          customer_id: customerId,
          name: row.insert.name,
          email: row.insert.email,
          external_id: row.insert.externalId,
          portal_access: 'invited',
        });
        row.user_id = user.id;
        created.push(user);
      }
      return { planned, created };
    }),
  );
  if (input.invite && created.length > 0) inviteInBackground(deps, principal, created);
  return report(planned, false);
}
