import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { isPostgres } from './dialect.js';

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
  const key = `${isPostgres(db) ? 'pg' : 'sqlite'} ${shape}`;
  let query = compiled.get(key) as CompiledQuery<R> | undefined;
  if (!query) {
    query = build(db, ID_STAND_IN).compile();
    if (query.parameters[0] !== ID_STAND_IN) throw new Error(`runById(${shape}): the id must be the query's first parameter`);
    if (compiled.size >= MAX_QUERIES) compiled.clear();
    compiled.set(key, query as CompiledQuery<unknown>);
  }
  const { rows } = await db.executeQuery(CompiledQuery.raw(query.sql, [id, ...query.parameters.slice(1)]) as CompiledQuery<R>);
  return rows;
}
