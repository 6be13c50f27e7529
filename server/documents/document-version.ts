import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** The version of a document an approval is pinned to, and the SHA-256 of its bytes. */
export interface DocumentVersion {
  version: number;
  sha256: string;
}

/**
 * The current version of document `documentId` (which the caller has checked it may see).
 * Today a document has one version, its bytes: version 1. Document versions (issue 10) change
 * this one function to read the current version, and approvals follow.
 * @example const { version, sha256 } = await currentDocumentVersion(db, 'doc_…');
 */
export async function currentDocumentVersion(db: Kysely<Database>, documentId: string): Promise<DocumentVersion> {
  const row = await db.selectFrom('documents').select('sha256').where('id', '=', documentId).executeTakeFirstOrThrow();
  return { version: 1, sha256: row.sha256 };
}
