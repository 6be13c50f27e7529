import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database, User } from '../db/database.js';
import type { BlobStore } from '../documents/blob-store.js';
import { toUserView } from '../users/user.repository.js';

/** What every body a person wrote becomes once they are erased. */
export const ERASED = '[erased]';

/** One file of a privacy export: JSON written as is, or bytes streamed from the blob store. */
export type ExportEntry = { name: string; json: unknown } | { name: string; bytes: () => Promise<Readable> };

export interface PrivacyContext {
  db: Kysely<Database>;
  blobs: BlobStore;
  tenantId: string;
  user: User;
}

/** What an eraser leaves for after the commit: blobs that may now be unreferenced. */
export interface Erased {
  sha256s: string[];
}

/**
 * One kind of thing held about a person: how it is exported and how it is erased. A feature that
 * stores something about people adds one entry to `PRIVACY_KINDS`; the export and the erasure
 * pick it up from there.
 */
export interface PrivacyKind {
  name: string;
  export(ctx: PrivacyContext): Promise<ExportEntry[]>;
  /** Runs inside the erasure's transaction (`ctx.db` is it). */
  erase(ctx: PrivacyContext, erased: Erased): Promise<void>;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A file name safe in any archive tool: no folders, no control characters. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120) || 'file';

const profile: PrivacyKind = {
  name: 'profile',
  async export({ user }) {
    return [{ name: 'profile.json', json: { ...toUserView(user), preferences: parse(user.preferences) } }];
  },
  async erase({ db, tenantId, user }) {
    const now = new Date().toISOString();
    await db
      .updateTable('users')
      .set({ name: ERASED, email: null, external_id: null, preferences: '{}', portal_access: 'deactivated', access_revoked_at: now, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', user.id)
      .execute();
    // Credentials that could bring the person back, and what a sign-in link was sent to.
    await db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await db.deleteFrom('magic_links').where('user_id', '=', user.id).execute();
  },
};

const comments: PrivacyKind = {
  name: 'comments',
  async export({ db, tenantId, user }) {
    const rows = await db
      .selectFrom('comments')
      .select(['id', 'task_id', 'customer_id', 'body', 'visibility', 'created_at', 'updated_at'])
      .where('tenant_id', '=', tenantId)
      .where('author_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    return [{ name: 'comments.json', json: rows }];
  },
  async erase({ db, tenantId, user }) {
    await db.updateTable('comments').set({ body: ERASED, mentions: '[]' }).where('tenant_id', '=', tenantId).where('author_id', '=', user.id).execute();
  },
};

const uploads: PrivacyKind = {
  name: 'uploads',
  async export({ db, blobs, tenantId, user }) {
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'customer_id', 'task_id', 'name', 'content_type', 'size', 'sha256', 'visibility', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('uploaded_by', '=', user.id)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute();
    const files = rows.map((row) => ({ ...row, file: `uploads/${row.id}-${safeName(row.name)}` }));
    return [
      { name: 'uploads.json', json: files.map(({ sha256: _sha256, ...rest }) => rest) },
      ...files.map((row) => ({ name: row.file, bytes: () => blobs.open(row.sha256) })),
    ];
  },
  async erase({ db, tenantId, user }, erased) {
    const rows = await db.selectFrom('documents').select('sha256').where('tenant_id', '=', tenantId).where('uploaded_by', '=', user.id).execute();
    erased.sha256s.push(...rows.map((r) => r.sha256));
    // The rows stay (tasks and the log name them) but hold neither the name nor the bytes.
    await db
      .updateTable('documents')
      .set({ name: ERASED, deleted_at: new Date().toISOString() })
      .where('tenant_id', '=', tenantId)
      .where('uploaded_by', '=', user.id)
      .execute();
  },
};

const notifications: PrivacyKind = {
  name: 'notifications',
  async export({ db, tenantId, user }) {
    const rows = await db
      .selectFrom('notifications')
      .select(['id', 'kind', 'task_id', 'actor_id', 'data', 'read_at', 'created_at', 'emailed_at'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    return [{ name: 'notifications.json', json: rows.map((r) => ({ ...r, data: parse(r.data) })) }];
  },
  async erase({ db, tenantId, user }) {
    await db.deleteFrom('notifications').where('tenant_id', '=', tenantId).where('user_id', '=', user.id).execute();
  },
};

const activity: PrivacyKind = {
  name: 'activity',
  async export({ db, tenantId, user }) {
    const rows = await db
      .selectFrom('events')
      .select(['id', 'type', 'subject_id', 'customer_id', 'task_id', 'actor_id', 'data', 'ip', 'user_agent', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('actor_id', '=', user.id), eb('subject_id', '=', user.id)]))
      .orderBy('id')
      .execute();
    return [{ name: 'activity.json', json: rows.map((r) => ({ ...r, data: parse(r.data) })) }];
  },
  async erase({ db, tenantId, user }) {
    // The rows stay, under the user id that no longer names anyone (the pseudonymous id);
    // what identified the person in them goes: the address and browser they acted from.
    await db.updateTable('events').set({ ip: null, user_agent: null }).where('tenant_id', '=', tenantId).where('actor_id', '=', user.id).execute();
  },
};

/**
 * Everything held about a person, one entry a kind. The profile comes last in the erasure so
 * that the other kinds still see the person as they were.
 */
export const PRIVACY_KINDS: readonly PrivacyKind[] = [comments, uploads, notifications, activity, profile];
