import { sql, type SelectQueryBuilder } from 'kysely';
import { invalid } from '../errors.js';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

interface Position {
  at: string;
  id: string;
}

const encode = (p: Position) => Buffer.from(JSON.stringify([p.at, p.id])).toString('base64url');

/** The position a cursor of `paginate` names; a cursor it did not write answers 400. */
export function decodeCursor(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // falls through to the error below
  }
  throw invalid('Invalid cursor', [{ path: 'cursor', message: 'not a cursor this API returned' }]);
}

/**
 * Keyset pagination over `(created_at, id)` of `alias`: a page never repeats or skips a row
 * that existed when the first page was read, whatever is written meanwhile.
 * Returns the query limited to one row more than asked, and a function that turns those rows
 * into the page.
 * @example const [query, toPage] = paginate(db.selectFrom('tasks as t').selectAll('t'), 't', request);
 */
export function paginate<DB, TB extends keyof DB, O extends { created_at: string; id: string }>(
  query: SelectQueryBuilder<DB, TB, O>,
  alias: string,
  request: PageRequest,
  direction: 'asc' | 'desc' = 'asc',
): [SelectQueryBuilder<DB, TB, O>, <R>(rows: O[], map: (row: O) => R) => Page<R>] {
  const at = sql.ref(`${alias}.created_at`);
  const id = sql.ref(`${alias}.id`);
  let q = query;
  if (request.cursor) {
    const p = decodeCursor(request.cursor);
    const cmp = direction === 'asc' ? sql`>` : sql`<`;
    q = q.where(sql<boolean>`(${at} ${cmp} ${p.at} or (${at} = ${p.at} and ${id} ${cmp} ${p.id}))`);
  }
  q = q.orderBy(at, direction).orderBy(id, direction).limit(request.limit + 1);
  const toPage = <R>(rows: O[], map: (row: O) => R): Page<R> => {
    const more = rows.length > request.limit;
    const kept = more ? rows.slice(0, request.limit) : rows;
    const last = kept[kept.length - 1];
    return { data: kept.map(map), next_cursor: more && last ? encode({ at: last.created_at, id: last.id }) : null };
  };
  return [q, toPage];
}
