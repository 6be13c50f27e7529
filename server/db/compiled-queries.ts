import { CompiledQuery, type Compilable, type Insertable, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { isPostgres } from './dialect.js';

/**
 * Queries the hottest paths run on every write, compiled once: building and compiling a Kysely
 * query (immutable nodes, then SQL text) costs more than running a small statement on SQLite.
 */

/** A value no id can be: the query is compiled with it, then run with the real id in its place. */
const ID_STAND_IN = '\u0000id';
const MAX_QUERIES = 5_000;
const compiled = new Map<string, CompiledQuery<unknown>>();

/**
 * Runs the query `build(db, id)` for one id, compiled once per database kind and `shape`:
 * building and compiling a Kysely query costs more than running a lookup by primary key, and
 * the hottest of them (a row the visibility rule scopes, on every write) have one SQL text per
 * audience. `shape` must name everything but the id that the query's SQL and parameters depend
 * on; the id must be the query's first parameter (its first `where`), which is checked.
 * @example const rows = await runById(db, `task ${audienceKey(p)}`, id, (db, id) => db.selectFrom('tasks').selectAll().where('id', '=', id).where(visibleTo(p, 'tasks')));
 */
export async function runById<R>(db: Kysely<Database>, shape: string, id: string, build: (db: Kysely<Database>, id: string) => Compilable<R>): Promise<R[]> {
  const query = compiledOnce(db, shape, () => {
    const fresh = build(db, ID_STAND_IN).compile();
    if (fresh.parameters[0] !== ID_STAND_IN) throw new Error(`runById(${shape}): the id must be the query's first parameter`);
    return fresh;
  });
  const { rows } = await db.executeQuery(CompiledQuery.raw(query.sql, [id, ...query.parameters.slice(1)]) as CompiledQuery<R>);
  return rows;
}

/**
 * The statement of `shape` on this database kind, compiled (and checked) by `compile` the first time. Bounded: emptied when full.
 * Kept as its SQL and parameters only (callers run it with `CompiledQuery.raw`): a compiled
 * query also holds the tree of nodes it was made of, about 400 KB for the contact rule of a
 * live audience's `events`, kept for nothing once per audience (docs/decisions/live.md). The
 * same SQL under different parameters (one audience per customer) is one string.
 * @example const query = compiledOnce(db, `live events ${audienceKey(p)}`, () => build(p).compile());
 */
export function compiledOnce(db: Kysely<Database>, shape: string, compile: () => CompiledQuery<unknown>): CompiledQuery<unknown> {
  const key = `${isPostgres(db) ? 'pg' : 'sqlite'} ${shape}`;
  let query = compiled.get(key);
  if (!query) {
    const fresh = compile();
    if (compiled.size >= MAX_QUERIES) {
      compiled.clear();
      texts.clear();
    }
    let text = texts.get(fresh.sql);
    if (text === undefined) texts.set(fresh.sql, (text = fresh.sql));
    query = CompiledQuery.raw(text, [...fresh.parameters]);
    compiled.set(key, query);
  }
  return query;
}

/** The SQL texts of `compiled`, each kept once. */
const texts = new Map<string, string>();

type Plain = string | number | bigint | boolean | null;
const isPlain = (value: unknown): value is Plain => value === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof value);

/**
 * Inserts one row, its statement compiled once per database kind, table, column list (the row's
 * keys in order, `undefined` ones left out as Kysely does) and options: `returning` names the
 * columns to answer, `ignoreConflictOn` the unique columns on whose conflict the row is left
 * out (`on conflict … do nothing`). A row holding anything but plain values (an `sql`
 * expression) goes through Kysely as usual. The first compilation checks that its parameters
 * are the row's values.
 * @example const [{ id }] = await insertRow(trx, 'events', row, { returning: ['id'] });
 */
export async function insertRow<T extends keyof Database & string, C extends keyof Database[T] & string = never>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]>,
  options: { returning?: readonly C[]; ignoreConflictOn?: readonly (keyof Database[T] & string)[] } = {},
): Promise<Record<C, unknown>[]> {
  const { returning = [], ignoreConflictOn = [] } = options;
  const entries = Object.entries(row as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const values = entries.map(([, value]) => value);
  const build = () => {
    let insert = (db as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(row as Record<string, unknown>);
    if (ignoreConflictOn.length) insert = insert.onConflict((oc) => oc.columns([...ignoreConflictOn] as string[]).doNothing());
    return returning.length ? insert.returning(returning as unknown as string[]) : insert;
  };
  if (!values.every(isPlain)) return (await build().execute()) as Record<C, unknown>[];
  const shape = `insert ${table} (${entries.map(([column]) => column).join(',')}) conflict ${ignoreConflictOn.join(',')} returning ${returning.join(',')}`;
  const query = compiledOnce(db, shape, () => {
    const fresh = build().compile();
    if (fresh.parameters.length !== values.length || fresh.parameters.some((value, i) => value !== values[i])) {
      throw new Error(`insertRow(${table}): the statement's parameters are not the row's values`);
    }
    return fresh;
  });
  const { rows } = await db.executeQuery(CompiledQuery.raw(query.sql, values));
  return rows as Record<C, unknown>[];
}
