import { sql, type Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, FaqEntryRow } from '../db/database.js';
import type { FaqStats } from './faq.schema.js';

const COMMENTS_EACH = 5;

const rateOf = (r: { helpful: number; unhelpful: number }) => (r.helpful + r.unhelpful > 0 ? r.helpful / (r.helpful + r.unhelpful) : null);

function stat(row: FaqEntryRow) {
  const counts = { views: Number(row.views), helpful: Number(row.helpful), unhelpful: Number(row.unhelpful) };
  return { id: row.id, question: row.question, category: row.category, ...counts, helpful_rate: rateOf(counts) };
}

/**
 * What the team learns from the FAQ: totals, views by category, the most viewed entries and
 * the least helpful ones (those with any "no", by share of "no", then by number) with their
 * latest comments, so the answers that fail are the ones rewritten first.
 * @example await faqStats(db, staff, { limit: 10 });
 */
export async function faqStats(db: Kysely<Database>, principal: Principal, options: { portal_type?: 'customer' | 'partner' | undefined; limit: number }): Promise<FaqStats> {
  let base = db.selectFrom('faq_entries as f').where(visibleTo(principal, 'faq_entries', 'f'));
  if (options.portal_type) base = base.where('f.portal_type', '=', options.portal_type);
  const [totals, categories, mostViewed, leastHelpful] = await Promise.all([
    base.select([sql<number>`count(*)`.as('entries'), sql<number>`coalesce(sum(f.views), 0)`.as('views'), sql<number>`coalesce(sum(f.helpful), 0)`.as('helpful'), sql<number>`coalesce(sum(f.unhelpful), 0)`.as('unhelpful')]).executeTakeFirstOrThrow(),
    base.select(['f.category', sql<number>`count(*)`.as('entries'), sql<number>`coalesce(sum(f.views), 0)`.as('views')]).groupBy('f.category').orderBy('f.category').execute(),
    base.selectAll('f').where('f.views', '>', 0).orderBy('f.views', 'desc').orderBy('f.id').limit(options.limit).execute(),
    base
      .selectAll('f')
      .where('f.unhelpful', '>', 0)
      .orderBy(sql`cast(f.unhelpful as real) / (f.helpful + f.unhelpful)`, 'desc')
      .orderBy('f.unhelpful', 'desc')
      .orderBy('f.id')
      .limit(options.limit)
      .execute(),
  ]);
  const ids = leastHelpful.map((r) => r.id);
  const comments = ids.length
    ? await db
        .selectFrom('faq_feedback as b')
        .leftJoin('users as u', 'u.id', 'b.user_id')
        .select(['b.faq_id', 'b.helpful', 'b.comment', 'b.created_at', 'u.id as user_id', 'u.name as user_name'])
        .where('b.faq_id', 'in', ids)
        .where('b.comment', 'is not', null)
        .orderBy('b.created_at', 'desc')
        .execute()
    : [];
  return {
    totals: { entries: Number(totals.entries), views: Number(totals.views), helpful: Number(totals.helpful), unhelpful: Number(totals.unhelpful) },
    categories: categories.map((c) => ({ category: c.category, entries: Number(c.entries), views: Number(c.views) })),
    most_viewed: mostViewed.map(stat),
    least_helpful: leastHelpful.map((row) => ({
      ...stat(row),
      comments: comments
        .filter((c) => c.faq_id === row.id)
        .slice(0, COMMENTS_EACH)
        .map((c) => ({ helpful: c.helpful === 1, comment: c.comment!, created_at: c.created_at, user: c.user_id ? { id: c.user_id, name: c.user_name ?? '' } : null })),
    })),
  };
}
