import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** The version of a document an approval is pinned to, and the SHA-256 of its bytes. */
export interface DocumentVersion {
  version: number;
  sha256: string;
}

/**
 * The current version of document `documentId` (which the caller has checked it may see): its
 * number and the SHA-256 of its bytes, both kept current by every new version
 * (`createVersion`). An approval is pinned to it; a later version starts unapproved.
 * @example const { version, sha256 } = await currentDocumentVersion(db, 'doc_…');
 */
export async function currentDocumentVersion(db: Kysely<Database>, documentId: string): Promise<DocumentVersion> {
  const row = await db.selectFrom('documents').select(['version', 'sha256']).where('id', '=', documentId).executeTakeFirstOrThrow();
  return { version: row.version, sha256: row.sha256 };
}
