import { sql, type Kysely } from 'kysely';
import { transact, type Deps } from '../context.js';
import type { Database } from '../db/database.js';
import type { StagedBlob } from './blob-store.js';
import { previewKey } from './preview.js';

/**
 * Records `work` (a new document or version holding `blob`) and the reference it adds, and
 * stores the bytes: the slow part (an upload to the bucket) before the transaction, so no
 * writer waits on it; then, in the transaction, the reference row is taken (and so locked)
 * before the bytes are linked, and linked before the commit, so no reader ever hears of a
 * version whose bytes are missing. A concurrent removal of the same hash's last reference
 * (`collectBlobs`) either finishes first (and `link` stores the bytes again) or finds the row
 * referenced again. A failure anywhere leaves no temporary file behind.
 * @example const doc = await storeWithBlob(deps, staged, (trx) => createDocument(trx, principal, input));
 */
export async function storeWithBlob<T>(deps: Deps, blob: StagedBlob, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    await deps.blobs.prepare(blob);
    return await transact(deps, async (trx) => {
      const result = await work(trx);
      await trx
        .insertInto('blobs')
        .values({ sha256: blob.sha256, size: blob.size, refs: 1, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('sha256').doUpdateSet({ refs: sql`blobs.refs + 1` }))
        .execute();
      await deps.blobs.link(blob);
      return result;
    });
  } catch (error) {
    // Refused (or failed) after the bytes reached the store: they go again, unless another
    // document holds them.
    await collectBlobs(deps, [blob.sha256]);
    throw error;
  } finally {
    await deps.blobs.discard(blob);
  }
}

/**
 * Drops the references that the versions of `documentIds` held, in the caller's transaction
 * (the one that deletes them). Answers the hashes to pass to `collectBlobs` once it commits.
 */
export async function releaseDocumentBlobs(trx: Kysely<Database>, documentIds: readonly string[]): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const held = await trx
    .selectFrom('document_versions')
    .select(['sha256', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('document_id', 'in', documentIds)
    .groupBy('sha256')
    .execute();
  for (const { sha256, n } of held) {
    await trx.updateTable('blobs').set({ refs: sql`refs - ${Number(n)}` }).where('sha256', '=', sha256).execute();
  }
  return held.map((h) => h.sha256);
}

/**
 * Frees the bytes of those `sha256s` that nothing references any more (a row at 0, or no row:
 * bytes stored for an upload that was then refused), in both stores. Each removal runs in a
 * transaction that takes the hash's row first (creating it at 0 if need be, so it is locked
 * either way) and deletes it, so an upload of the same bytes on another instance waits, then
 * records them afresh and writes them again.
 * @example await collectBlobs(deps, await transact(deps, (trx) => deleteDocument(trx, principal, id)));
 */
export async function collectBlobs(deps: Deps, sha256s: readonly string[]): Promise<void> {
  for (const sha256 of new Set(sha256s)) {
    await deps.storage.transaction(async (trx) => {
      await trx.insertInto('blobs').values({ sha256, size: 0, refs: 0, created_at: new Date().toISOString() }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
      const gone = await trx.deleteFrom('blobs').where('sha256', '=', sha256).where('refs', '<=', 0).returning('sha256').executeTakeFirst();
      if (gone) {
        await deps.blobs.remove(sha256);
        // Its preview, if one was made, goes with it.
        await deps.blobs.remove(previewKey(sha256));
      }
    });
  }
}
