import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';

export interface TextColumn {
  table: string;
  column: string;
  /** Whether the table has a `tenant_id` column, so a scrub can stay inside one tenant. */
  tenantScoped: boolean;
}

/**
 * Every text column of every table of the database the app works in, read from the catalog
 * rather than listed by hand: a table another feature adds later is covered without a change here.
 * @example for (const { table, column } of await textColumns(db)) …
 */
export async function textColumns(db: Kysely<Database>): Promise<TextColumn[]> {
  const rows = isPostgres(db)
    ? (
        // pg_catalog rather than information_schema, which is slow on a server with many schemas.
        await sql<{ table: string; column: string; type: string }>`
          select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type"
          from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          order by c.relname, a.attnum`.execute(db)
      ).rows
    : (
        await sql<{ table: string; column: string; type: string }>`
          select m.name as "table", p.name as "column", upper(p.type) as "type"
          from sqlite_master m join pragma_table_info(m.name) p
          where m.type = 'table' and m.name not like 'sqlite_%'
          order by m.name, p.cid`.execute(db)
      ).rows;
  const scoped = new Set(rows.filter((r) => r.column === 'tenant_id').map((r) => r.table));
  return rows
    .filter((r) => /text|char/i.test(r.type))
    .map((r) => ({ table: r.table, column: r.column, tenantScoped: scoped.has(r.table) }));
}
