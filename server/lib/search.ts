import { sql, type RawBuilder, type SqlBool } from 'kysely';

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Keyword search: every word of `q` must appear, case-insensitively, in one of `columns`.
 * Works the same on SQLite and PostgreSQL (`lower` and `LIKE … ESCAPE`).
 * @example query.where(keywords('sso setup', ['t.title', 't.description']))
 */
export function keywords(q: string, columns: string[]): RawBuilder<SqlBool> | null {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  if (words.length === 0) return null;
  const perWord = words.map((word) => {
    const pattern = `%${escapeLike(word)}%`;
    return sql`(${sql.join(columns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '\\'`), sql` or `)})`;
  });
  return sql<SqlBool>`(${sql.join(perWord, sql` and `)})`;
}
