import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Database, User } from '../db/database.js';
import { releaseDocumentBlobs } from '../documents/blob-refs.js';
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

/**
 * A kind held as the rows a person owns (`owner` is their id) in one table: exported oldest
 * first as `<table>.json`, its JSON text columns parsed. (The column names are checked by the tests.)
 */
function ownRows(table: keyof Database, owner: string, columns: readonly string[], json: readonly string[] = []): PrivacyKind['export'] {
  return async ({ db, tenantId, user }) => {
    const rows: Record<string, unknown>[] = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(table)
      .select(columns)
      .where('tenant_id', '=', tenantId)
      .where(owner, '=', user.id)
      .orderBy('created_at')
      .execute();
    return [{ name: `${table}.json`, json: rows.map((row) => ({ ...row, ...Object.fromEntries(json.map((c) => [c, parse(row[c] as string)])) })) }];
  };
}

/** What a person wrote (and whom it mentioned) in one table, erased; the rows stay for the threads they belong to. */
const eraseBodies =
  (table: 'comments' | 'messages'): PrivacyKind['erase'] =>
  async ({ db, tenantId, user }) => {
    await db.updateTable(table).set({ body: ERASED, mentions: '[]' }).where('tenant_id', '=', tenantId).where('author_id', '=', user.id).execute();
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
  export: ownRows('comments', 'author_id', ['id', 'task_id', 'customer_id', 'body', 'visibility', 'created_at', 'updated_at']),
  erase: eraseBodies('comments'),
};

/** Versions a person uploaded that someone else's document still holds. */
async function eraseOwnVersions(db: Kysely<Database>, tenantId: string, userId: string, erased: Erased): Promise<void> {
  const versions = await db
    .selectFrom('document_versions as v')
    .innerJoin('documents as d', 'd.id', 'v.document_id')
    .select(['v.document_id', 'v.number', 'v.sha256'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.uploaded_by', '=', userId)
    .where((eb) => eb.or([eb('d.uploaded_by', 'is', null), eb('d.uploaded_by', '!=', userId)]))
    .execute();
  for (const v of versions) {
    await db.deleteFrom('document_versions').where('document_id', '=', v.document_id).where('number', '=', v.number).execute();
    await db.updateTable('blobs').set({ refs: sql`refs - 1` }).where('sha256', '=', v.sha256).execute();
    erased.sha256s.push(v.sha256);
  }
  // A document whose current version was theirs goes back to the newest one left.
  for (const documentId of new Set(versions.map((v) => v.document_id))) {
    const latest = await db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).orderBy('number', 'desc').limit(1).executeTakeFirst();
    if (latest) {
      await db.updateTable('documents').set({ sha256: latest.sha256, size: latest.size, content_type: latest.content_type, version: latest.number }).where('id', '=', documentId).execute();
    } else {
      await db.updateTable('documents').set({ deleted_at: new Date().toISOString() }).where('id', '=', documentId).execute();
    }
  }
}

const uploads: PrivacyKind = {
  name: 'uploads',
  async export({ db, blobs, tenantId, user }) {
    // Every version they uploaded of a document still there (their own documents and others').
    const rows = await db
      .selectFrom('document_versions as v')
      .innerJoin('documents as d', 'd.id', 'v.document_id')
      .select(['v.document_id', 'v.number', 'v.name', 'v.content_type', 'v.size', 'v.sha256', 'v.created_at', 'd.customer_id', 'd.task_id', 'd.folder_id', 'd.visibility'])
      .where('v.tenant_id', '=', tenantId)
      .where('v.uploaded_by', '=', user.id)
      .where('d.deleted_at', 'is', null)
      .orderBy('v.created_at')
      .execute();
    const files = rows.map((row) => ({ ...row, file: `uploads/${row.document_id}-v${row.number}-${safeName(row.name)}` }));
    return [
      { name: 'uploads.json', json: files.map(({ sha256: _sha256, ...rest }) => rest) },
      ...files.map((row) => ({ name: row.file, bytes: () => blobs.open(row.sha256) })),
    ];
  },
  async erase({ db, tenantId, user }, erased) {
    const own = await db.selectFrom('documents').select(['id', 'deleted_at']).where('tenant_id', '=', tenantId).where('uploaded_by', '=', user.id).execute();
    const ids = own.map((d) => d.id);
    // Their documents go with every version (the bytes after the commit, unless held elsewhere;
    // a document deleted before has released its references already); the rows stay, named by
    // nobody, for the tasks and the log that point at them.
    erased.sha256s.push(...(await releaseDocumentBlobs(db, own.filter((d) => d.deleted_at === null).map((d) => d.id))));
    if (ids.length > 0) {
      await db.updateTable('documents').set({ deleted_at: new Date().toISOString() }).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
      await db.updateTable('documents').set({ name: ERASED }).where('id', 'in', ids).execute();
      await db.updateTable('document_versions').set({ name: ERASED }).where('document_id', 'in', ids).execute();
    }
    await eraseOwnVersions(db, tenantId, user.id, erased);
  },
};

const notifications: PrivacyKind = {
  name: 'notifications',
  export: ownRows('notifications', 'user_id', ['id', 'kind', 'task_id', 'actor_id', 'data', 'read_at', 'created_at', 'emailed_at'], ['data']),
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

const messages: PrivacyKind = {
  name: 'messages',
  export: ownRows('messages', 'author_id', ['id', 'thread_id', 'customer_id', 'body', 'visibility', 'document_ids', 'created_at', 'updated_at'], ['document_ids']),
  erase: eraseBodies('messages'),
};

const approvals: PrivacyKind = {
  name: 'approvals',
  async export({ db, tenantId, user }) {
    const rows = await db
      .selectFrom('approval_steps as s')
      .innerJoin('approvals as a', 'a.id', 's.approval_id')
      .select(['s.approval_id', 'a.subject_type', 'a.subject_id', 'a.customer_id', 's.position', 's.decision', 's.comment', 's.decided_at', 's.ip', 's.user_agent', 's.document_version'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.approver_id', '=', user.id)
      .orderBy('a.created_at')
      .execute();
    return [{ name: 'approvals.json', json: rows }];
  },
  async erase({ db, tenantId, user }) {
    // The decision stays (the vendor's record of a sign-off); what they wrote and where from goes.
    await db
      .updateTable('approval_steps')
      .set((eb) => ({ comment: eb.case().when('comment', 'is not', null).then(ERASED).else(null).end(), ip: null, user_agent: null }))
      .where('tenant_id', '=', tenantId)
      .where('approver_id', '=', user.id)
      .execute();
  },
};

/** Progress a person recorded on shared goals: the values stay (the customer's record), their notes go. */
const goalUpdates: PrivacyKind = {
  name: 'goal_updates',
  async export({ db, tenantId, user }) {
    const rows = await db
      .selectFrom('goal_updates as u')
      .innerJoin('goals as g', 'g.id', 'u.goal_id')
      .select(['u.id', 'u.goal_id', 'g.title as goal_title', 'g.customer_id', 'u.value', 'u.note', 'u.created_at'])
      .where('u.tenant_id', '=', tenantId)
      .where('u.created_by', '=', user.id)
      .orderBy('u.created_at')
      .execute();
    return [{ name: 'goal-updates.json', json: rows }];
  },
  async erase({ db, tenantId, user }) {
    await db.updateTable('goal_updates').set({ note: ERASED }).where('tenant_id', '=', tenantId).where('created_by', '=', user.id).where('note', '<>', '').execute();
  },
};

const requests: PrivacyKind = {
  name: 'requests',
  async export({ db, tenantId, user }) {
    const rows = await db
      .selectFrom('requests as r')
      .innerJoin('request_types as t', 't.id', 'r.type_id')
      .select(['r.id', 't.name as type', 'r.customer_id', 'r.project_id', 'r.values', 'r.status', 'r.task_id', 'r.created_at', 'r.due_at', 'r.resolved_at', 'r.meeting'])
      .where('r.tenant_id', '=', tenantId)
      .where('r.submitted_by', '=', user.id)
      .orderBy('r.created_at')
      .execute();
    return [{ name: 'requests.json', json: rows.map((r) => ({ ...r, values: parse(r.values), meeting: r.meeting ? parse(r.meeting) : null })) }];
  },
  async erase({ db, tenantId, user }) {
    // The request stays (the vendor's record of the work); what the person wrote goes, from it and from the task written out of it.
    const rows = await db.selectFrom('requests as r').innerJoin('request_types as t', 't.id', 'r.type_id').select(['r.id', 'r.values', 'r.task_id', 't.name']).where('r.tenant_id', '=', tenantId).where('r.submitted_by', '=', user.id).execute();
    for (const row of rows) {
      const values = parse(row.values) as Record<string, unknown>;
      const erased = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' && !/^doc_[0-9A-Za-z]+$/.test(v) ? ERASED : v]));
      await db.updateTable('requests').set({ values: JSON.stringify(erased) }).where('id', '=', row.id).execute();
      if (row.task_id) await db.updateTable('tasks').set({ title: `${row.name}: ${ERASED}`, description: ERASED }).where('id', '=', row.task_id).where('created_by', '=', user.id).execute();
    }
  },
};

/**
 * Everything held about a person, one entry a kind. The profile comes last in the erasure so
 * that the other kinds still see the person as they were.
 */
const faqFeedback: PrivacyKind = {
  name: 'faq_feedback',
  async export({ db, tenantId, user }) {
    const rows = await db
      .selectFrom('faq_feedback as b')
      .innerJoin('faq_entries as f', 'f.id', 'b.faq_id')
      .select(['b.faq_id', 'f.question', 'b.helpful', 'b.comment', 'b.created_at'])
      .where('b.tenant_id', '=', tenantId)
      .where('b.user_id', '=', user.id)
      .orderBy('b.created_at')
      .execute();
    return [{ name: 'faq-feedback.json', json: rows.map((r) => ({ ...r, helpful: r.helpful === 1 })) }];
  },
  async erase({ db, tenantId, user }) {
    // The yes or no stays in the counts; what they wrote goes, from the answer and from its event.
    await db.updateTable('faq_feedback').set({ comment: ERASED }).where('tenant_id', '=', tenantId).where('user_id', '=', user.id).where('comment', 'is not', null).execute();
    const events = await db.selectFrom('events').select(['id', 'data']).where('tenant_id', '=', tenantId).where('actor_id', '=', user.id).where('type', '=', 'faq_entry.feedback_received').execute();
    for (const event of events) {
      const data = parse(event.data) as { feedback?: { comment?: string | null } };
      if (!data.feedback?.comment) continue;
      data.feedback.comment = ERASED;
      await db.updateTable('events').set({ data: JSON.stringify(data) }).where('id', '=', event.id).execute();
    }
  },
};

export const PRIVACY_KINDS: readonly PrivacyKind[] = [comments, messages, approvals, requests, goalUpdates, faqFeedback, uploads, notifications, activity, profile];
