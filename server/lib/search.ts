import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (ch) => `\\${ch}`);
/** `expr` holds `word` as a substring (`LIKE`, the word's own wildcards escaped). */
const contains = (expr: RawBuilder<unknown>, word: string) => sql`${expr} like ${`%${escapeLike(word)}%`} escape '\\'`;

/** The trigram index covers words of three characters or more; shorter ones are compared row by row. */
const INDEXED_LENGTH = 3;
/** With this many matches or more, reading the rows in their order fills a page sooner than the index. */
const SPARSE_MATCHES = 2_000;

/**
 * A SQLite FTS5 table (tokenizer `trigram`) indexing `columns` of the searched table by its
 * rowid: `alias` is the searched table's alias in the query.
 */
export interface TextIndex {
  table: 'faq_fts';
  alias: string;
}

const wordsOf = (q: string) => q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
const indexable = (word: string) => [...word].length >= INDEXED_LENGTH;
/** Each word a quoted phrase: FTS5 syntax inside it is literal text; `""` is a quote. */
const matchOf = (words: string[]) => words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' AND ');

/**
 * Keyword search: every word of `q` must appear, case-insensitively, in one of `columns`.
 * Works the same on SQLite and PostgreSQL (`lower` and `LIKE … ESCAPE`). With `index`, the
 * words of three characters or more are looked up in that trigram index instead, which finds
 * exactly the same rows (substrings, in any of the columns) without reading the others
 * (PostgreSQL's trigram indexes serve the `LIKE` form as it is).
 * @example query.where(keywords('sso setup', ['t.title', 't.description']))
 */
export function keywords(q: string, columns: string[], index?: TextIndex): RawBuilder<SqlBool> | null {
  const words = wordsOf(q);
  if (words.length === 0) return null;
  const indexed = index ? words.filter(indexable) : [];
  const perWord = likeEach(words.filter((word) => !indexed.includes(word)), columns);
  if (index && indexed.length > 0) {
    perWord.unshift(sql`${sql.ref(`${index.alias}.rowid`)} in (select rowid from ${sql.table(index.table)} where ${sql.table(index.table)} match ${matchOf(indexed)})`);
  }
  return sql<SqlBool>`(${sql.join(perWord, sql` and `)})`;
}

const likeEach = (words: string[], columns: string[]) =>
  words.map((word) => sql`(${sql.join(columns.map((c) => contains(sql`lower(${sql.ref(c)})`, word)), sql` or `)})`);

/**
 * `q` split for a trigram index of one's own: `match`, the FTS5 query of its words of three
 * characters or more (undefined when it has none: the index cannot serve it), and `rest`, the
 * condition on `columns` for the shorter ones (null when there are none).
 * @example const { match, rest } = indexedKeywords('eu sso setup', ['t.title', 't.description']);
 */
export function indexedKeywords(q: string, columns: string[]): { match: string | undefined; rest: RawBuilder<SqlBool> | null } {
  const words = wordsOf(q);
  const indexed = words.filter(indexable);
  const short = likeEach(words.filter((word) => !indexable(word)), columns);
  return { match: indexed.length > 0 ? matchOf(indexed) : undefined, rest: short.length > 0 ? sql<SqlBool>`(${sql.join(short, sql` and `)})` : null };
}

/**
 * The words of `q` of three characters or more, each as a substring of `text` (an expression
 * already lower-cased): what a trigram index on `text` serves (PostgreSQL's `pg_trgm`); undefined
 * when `q` has none.
 * @example trigramWords('eu sso setup', sql`lower(t.title || ' ' || t.description)`)
 */
export function trigramWords(q: string, text: RawBuilder<unknown>): RawBuilder<SqlBool> | undefined {
  const words = wordsOf(q).filter(indexable);
  if (words.length === 0) return undefined;
  return sql<SqlBool>`(${sql.join(words.map((word) => contains(text, word)), sql` and `)})`;
}

/**
 * `index` when it serves `q` best: the index reads only the matching rows, but all of them
 * before the page can be ordered; when the words are common (a few thousand rows match),
 * reading the rows in the page's order finds a page after a few hundred. Either way the
 * search finds the same rows.
 * @example keywords(q, columns, await worthIndex(db, q, { table: 'faq_fts', alias: 'f' }))
 */
export async function worthIndex(db: Kysely<any>, q: string, index: TextIndex): Promise<TextIndex | undefined> {
  const words = wordsOf(q).filter(indexable);
  if (words.length === 0) return undefined;
  const table = sql.table(index.table);
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from ${table} where ${table} match ${matchOf(words)} limit ${SPARSE_MATCHES})`.execute(db);
  return Number(rows[0]?.n ?? 0) < SPARSE_MATCHES ? index : undefined;
}
