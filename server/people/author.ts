import type { Kysely } from 'kysely';
import { actorId, type Principal } from '../auth/principal.js';
import type { Database, Role } from '../db/database.js';
import { runById } from '../db/compiled-queries.js';

/** A row joined with its author's name and role (null when an API key wrote it, or the user is gone). */
export interface Authored {
  author_id: string | null;
  author_name: string | null;
  author_role: Role | null;
}

/**
 * The `author` of a comment or message as the API shows it.
 * @example authorOf({ author_id: 'usr_1', author_name: 'Ana', author_role: 'contact' }) // { id: 'usr_1', name: 'Ana', role: 'contact' }
 */
export function authorOf(row: Authored): { id: string; name: string; role: Role } | null {
  return row.author_id && row.author_name !== null && row.author_role !== null ? { id: row.author_id, name: row.author_name, role: row.author_role } : null;
}

/**
 * The caller as the author of what it writes: its user id, name and role (all null for an API key).
 * @example const author = await currentAuthor(trx, principal); toView({ ...row, ...author });
 */
export async function currentAuthor(db: Kysely<Database>, principal: Principal): Promise<Authored> {
  const authorId = actorId(principal);
  const [user] = authorId ? await runById(db, 'author', authorId, (db, id) => db.selectFrom('users').select(['name', 'role']).where('id', '=', id)) : [];
  return { author_id: authorId, author_name: user?.name ?? null, author_role: user?.role ?? null };
}
