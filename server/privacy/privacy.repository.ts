import { PassThrough, type Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { transact, type Deps } from '../context.js';
import type { Database, User } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { collectBlobs } from '../documents/blob-refs.js';
import { ApiError, notFound } from '../errors.js';
import { recordInternalChange } from '../events/record-event.js';
import { ERASED, PRIVACY_KINDS, type Erased } from './privacy-kinds.js';
import { textColumns } from './text-columns.js';

/** The person `id` of the caller's tenant: another tenant's (or nobody) is a 404. */
export async function findPerson(db: Kysely<Database>, principal: Principal, id: string): Promise<User> {
  const user = await db.selectFrom('users').selectAll().where('tenant_id', '=', principal.tenantId).where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('User');
  return user;
}

/**
 * Everything held about `user` as a ZIP, streamed: JSON files a kind, the uploads' bytes read from
 * the blob store one after the other (never a whole file in memory), and a README.
 * @example return c.body(Readable.toWeb(await exportArchive(deps, user)), 200, headers);
 */
export async function exportArchive(deps: Deps, user: User): Promise<Readable> {
  const ctx = { db: deps.db, blobs: deps.blobs, tenantId: user.tenant_id, user };
  // Read every kind before the first byte goes out, so a failure is still an error response.
  const entries = (await Promise.all(PRIVACY_KINDS.map((kind) => kind.export(ctx)))).flat();
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const out = new PassThrough();
  zip.on('error', (error) => out.destroy(error));
  zip.pipe(out);
  const date = new Date();
  zip.append(
    `Everything held about ${user.id}, exported ${date.toISOString()}.\n` +
      `Each JSON file is one kind of record; uploads/ holds the files this person uploaded.\n`,
    { name: 'README.txt', date },
  );
  void (async () => {
    try {
      for (const entry of entries) {
        if ('json' in entry) zip.append(JSON.stringify(entry.json, null, 2), { name: entry.name, date });
        else zip.append(await entry.bytes(), { name: entry.name, date });
      }
      await zip.finalize();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** The admins of the tenant (other than `userId`) who can still sign in. */
async function otherAdmins(db: Kysely<Database>, tenantId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'staff')
    .where('staff_role', '=', 'admin')
    .where('portal_access', '!=', 'deactivated')
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The ways a text may hold `value`: as typed, and escaped inside JSON. */
const forms = (value: string) => [...new Set([value, JSON.stringify(value).slice(1, -1)])];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces `needles` (whatever their case) by "[erased]" in every text column of every table,
 * inside the tenant where the table has one: copies of the name and email in the event log's
 * snapshots, notifications' excerpts, webhook payloads, mentions in others' comments, replayable
 * idempotent answers. Rows are matched by their old value, so no table's key needs to be known.
 */
async function scrub(trx: Kysely<Database>, tenantId: string, needles: string[]): Promise<void> {
  if (needles.length === 0) return;
  const pattern = new RegExp(needles.map(escapeRegExp).join('|'), 'gi');
  const contains = isPostgres(trx)
    ? (col: string, needle: string) => sql<boolean>`strpos(lower(${sql.ref(col)}), ${needle.toLowerCase()}) > 0`
    : (col: string, needle: string) => sql<boolean>`instr(lower(${sql.ref(col)}), ${needle.toLowerCase()}) > 0`;
  const byTable = new Map<string, { columns: string[]; tenantScoped: boolean }>();
  for (const { table, column, tenantScoped } of await textColumns(trx)) {
    if (column === 'tenant_id') continue;
    const entry = byTable.get(table) ?? { columns: [], tenantScoped };
    entry.columns.push(column);
    byTable.set(table, entry);
  }
  // One read a table; then each changed value is written back where it was.
  for (const [table, { columns, tenantScoped }] of byTable) {
    const tenant = tenantScoped ? sql`and tenant_id = ${tenantId}` : sql``;
    const found = await sql<Record<string, string | null>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
      where (${sql.join(columns.flatMap((c) => needles.map((n) => contains(c, n))), sql` or `)}) ${tenant}`.execute(trx);
    const changed = new Set<string>();
    for (const row of found.rows) {
      for (const column of columns) {
        const value = row[column];
        if (typeof value !== 'string' || changed.has(`${column}\u0000${value}`) || value.replace(pattern, ERASED) === value) continue;
        changed.add(`${column}\u0000${value}`);
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value.replace(pattern, ERASED)} where ${sql.ref(column)} = ${value} ${tenant}`.execute(trx);
      }
    }
  }
}

/**
 * Erases the personal data of `user` in one transaction with its `user.erased` event: every
 * kind's eraser, then the name and email wherever a copy of them was kept. The last admin who
 * can sign in cannot be erased (409). The bytes of their uploads go after the commit, unless
 * another document holds the same bytes.
 */
export async function erasePerson(deps: Deps, principal: Principal, user: User): Promise<void> {
  const erased: Erased = { sha256s: [] };
  await transact(deps, async (trx) => {
    if (user.role === 'staff' && user.staff_role === 'admin' && (await otherAdmins(trx, user.tenant_id, user.id)) === 0) {
      throw new ApiError(409, 'last_admin', 'This is the last admin of the team: make someone else an admin first');
    }
    const ctx = { db: trx, blobs: deps.blobs, tenantId: user.tenant_id, user };
    for (const kind of PRIVACY_KINDS) await kind.erase(ctx, erased);
    // A name too short to be told apart from ordinary words is left in others' texts (see docs/decisions/privacy.md).
    const needles = [user.email, user.name.trim().length >= 4 ? user.name.trim() : null, user.external_id && user.external_id.length >= 6 ? user.external_id : null]
      .filter((v): v is string => !!v && v !== ERASED)
      .flatMap(forms);
    await scrub(trx, user.tenant_id, needles);
    await recordInternalChange(trx, principal, 'user.erased', user.id, user.customer_id, { user: { id: user.id, role: user.role, customer_id: user.customer_id } });
  });
  await deps.invalidator.catchUp();
  await collectBlobs(deps, erased.sha256s);
}
