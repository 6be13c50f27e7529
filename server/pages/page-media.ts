import type { Kysely } from 'kysely';
import { isDocumentId, MEDIA, RAW_EMBED, rawEmbedSource, videoEmbed } from '../../contract/page-media.js';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database } from '../db/database.js';
import { invalid } from '../errors.js';

const ALLOWED = 'images by document id (![alt](doc_…)) and videos from YouTube, Vimeo or Loom';

/**
 * A page body as it is stored: a video host's pasted embed code becomes `![Video](its address)`;
 * any other embed, or an image from anywhere but a document, is a 400 and nothing is written.
 * Everything else (script and HTML included) stays text, which the renderer never runs.
 * Code spans are checked too: a page has no need to quote an embed.
 */
export function normalizeBody(body: string): { body: string; documentIds: string[] } {
  const refused: string[] = [];
  const normalized = body.replace(RAW_EMBED, (whole, _tag: string, attributes: string) => {
    const src = rawEmbedSource(attributes);
    const video = src ? videoEmbed(src) : null;
    if (!video) refused.push(src ?? whole.slice(0, 60));
    return video ? `![Video](${src})` : whole;
  });
  const documentIds = new Set<string>();
  for (const [, , target] of normalized.matchAll(MEDIA)) {
    if (isDocumentId(target!)) documentIds.add(target!);
    else if (!videoEmbed(target!)) refused.push(target!);
  }
  if (refused.length > 0) {
    throw invalid(`A page may embed only ${ALLOWED}`, refused.slice(0, 10).map((what) => ({ path: 'body', message: `not allowed: ${what}` })));
  }
  return { body: normalized, documentIds: [...documentIds] };
}

/**
 * The images of a page must be documents its readers may be shown: the writer sees them, and
 * they are the tenant's own (library and tenant files) or, on a customer's page, that customer's.
 * A tenant-wide page never shows one customer's file to the others.
 */
export async function checkImages(db: Kysely<Database>, principal: Principal, documentIds: string[], customerId: string | null): Promise<void> {
  if (documentIds.length === 0) return;
  const rows = await db
    .selectFrom('documents as d')
    .select(['d.id', 'd.customer_id'])
    .where('d.id', 'in', documentIds)
    .where(visibleTo(principal, 'documents', 'd'))
    .execute();
  const usable = new Set(rows.filter((r) => r.customer_id === null || r.customer_id === customerId).map((r) => r.id));
  const missing = documentIds.filter((id) => !usable.has(id));
  if (missing.length > 0) {
    const where = customerId ? 'the tenant’s or this customer’s' : 'the tenant’s own (a tenant-wide page shows no customer’s file)';
    throw invalid(`Images must be documents that are ${where}`, missing.map((id) => ({ path: 'body', message: `no such document: ${id}` })));
  }
}
