import { sql, type RawBuilder, type SqlBool } from 'kysely';

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The trigram index covers words of three characters or more; shorter ones are compared row by row. */
const INDEXED_LENGTH = 3;

/**
 * A SQLite FTS5 table (tokenizer `trigram`) indexing `columns` of the searched table by its
 * rowid: `alias` is the searched table's alias in the query.
 */
export interface TextIndex {
  table: 'tasks_fts';
  alias: string;
}

/**
 * Keyword search: every word of `q` must appear, case-insensitively, in one of `columns`.
 * Works the same on SQLite and PostgreSQL (`lower` and `LIKE … ESCAPE`). With `index`, the
 * words of three characters or more are looked up in that trigram index instead, which finds
 * exactly the same rows (substrings, in any of the columns) without reading the others
 * (PostgreSQL's trigram indexes serve the `LIKE` form as it is).
 * @example query.where(keywords('sso setup', ['t.title', 't.description']))
 */
export function keywords(q: string, columns: string[], index?: TextIndex): RawBuilder<SqlBool> | null {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  if (words.length === 0) return null;
  const indexed = index ? words.filter((word) => [...word].length >= INDEXED_LENGTH) : [];
  const perWord = words
    .filter((word) => !indexed.includes(word))
    .map((word) => {
      const pattern = `%${escapeLike(word)}%`;
      return sql`(${sql.join(columns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '\\'`), sql` or `)})`;
    });
  if (index && indexed.length > 0) {
    // Each word a quoted phrase: FTS5 syntax inside it is literal text; `""` is a quote.
    const match = indexed.map((word) => `"${word.replace(/"/g, '""')}"`).join(' AND ');
    perWord.unshift(sql`${sql.ref(`${index.alias}.rowid`)} in (select rowid from ${sql.table(index.table)} where ${sql.table(index.table)} match ${match})`);
  }
  return sql<SqlBool>`(${sql.join(perWord, sql` and `)})`;
}
