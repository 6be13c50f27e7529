import type { Kysely } from 'kysely';
import type { Principal, UserPrincipal } from '../auth/principal.js';
import { isPortalVisible, visibleTo } from '../auth/visibility.js';
import { findMentions } from '../comments/mentions.js';
import type { Database, MessageRow, Role, ThreadRow } from '../db/database.js';
import { invalid } from '../errors.js';
import { recordEvent } from '../events/record-event.js';
import { newId } from '../lib/ids.js';
import { authorOf, currentAuthor } from '../people/author.js';
import { paginate, type Page } from '../lib/pagination.js';
import { listPeople } from '../people/people.repository.js';
import { findThread, getThread } from './thread.repository.js';
import type { CreateMessageInput, MessageFilterInput, MessageView, ThreadView } from './thread.schema.js';

type MessageWithAuthor = MessageRow & { author_name: string | null; author_role: Role | null };

/** A person's read marker in a thread: messages up to (message_at, message_id) are read. */
interface Marker {
  user_id: string;
  name: string;
  role: Role;
  message_at: string;
  message_id: string;
  read_at: string;
}

const upTo = (m: { created_at: string; id: string }, marker: Marker) => m.created_at < marker.message_at || (m.created_at === marker.message_at && m.id <= marker.message_id);

function toMessageView(row: MessageWithAuthor, markers: readonly Marker[]): MessageView {
  return {
    id: row.id,
    thread_id: row.thread_id,
    customer_id: row.customer_id,
    author_id: row.author_id,
    author: authorOf(row),
    body: row.body,
    visibility: row.visibility,
    mentions: JSON.parse(row.mentions) as string[],
    document_ids: JSON.parse(row.document_ids) as string[],
    // An internal note is read by the team only: a contact's marker past it never saw it.
    read_by: markers
      .filter((k) => k.user_id !== row.author_id && upTo(row, k) && (row.visibility === 'portal' || k.role === 'staff'))
      .map((k) => ({ user_id: k.user_id, name: k.name, read_at: k.read_at })),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function messagesWithAuthor(db: Kysely<Database>) {
  return db.selectFrom('messages as m').leftJoin('users as u', 'u.id', 'm.author_id').selectAll('m').select(['u.name as author_name', 'u.role as author_role']);
}

/**
 * The read markers of a thread's people: readers are the team and the thread's customer's
 * contacts, all of whom anyone who sees the thread may see.
 */
function markersOf(db: Kysely<Database>, threadId: string): Promise<Marker[]> {
  return db
    .selectFrom('thread_reads as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'u.name', 'u.role', 'r.message_at', 'r.message_id', 'r.read_at'])
    .where('r.thread_id', '=', threadId)
    .execute();
}

/**
 * The messages of a thread the caller may see, newest first by default (the first page is the
 * latest), each with its read receipts; a 404 when the thread is not visible.
 * @example await listMessages(db, principal, 'thr_…', { limit: 50, order: 'newest' });
 */
export async function listMessages(db: Kysely<Database>, principal: Principal, threadId: string, filters: MessageFilterInput): Promise<Page<MessageView>> {
  await findThread(db, principal, threadId);
  const query = messagesWithAuthor(db).where('m.thread_id', '=', threadId).where(visibleTo(principal, 'messages', 'm'));
  const [paged, toPage] = paginate(query, 'm', filters, filters.order === 'newest' ? 'desc' : 'asc');
  const [rows, markers] = await Promise.all([paged.execute(), markersOf(db, threadId)]);
  return toPage(rows, (row) => toMessageView(row, markers));
}

/** The attachments of a message: documents of the thread's customer the caller sees, and for a portal message ones its contacts see too. */
async function checkDocuments(trx: Kysely<Database>, principal: Principal, thread: ThreadRow, portal: boolean, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await trx
    .selectFrom('documents as d')
    .select('d.id')
    .where('d.id', 'in', unique)
    .where('d.customer_id', '=', thread.customer_id)
    .where(visibleTo(principal, 'documents', 'd'))
    .execute();
  const known = new Set(found.map((d) => d.id));
  const failing: { path: string; message: string }[] = [];
  for (const [i, id] of unique.entries()) {
    if (!known.has(id)) failing.push({ path: `document_ids.${i}`, message: 'not a document of this customer' });
    else if (portal && !(await isPortalVisible(trx, 'documents', id, principal.tenantId, thread.customer_id)))
      failing.push({ path: `document_ids.${i}`, message: 'an internal document cannot be attached to a message the customer sees' });
  }
  if (failing.length > 0) throw invalid('Some documents cannot be attached', failing);
  return unique;
}

/**
 * Posts a message in a thread the caller may see and records `message.created`. Only people
 * who can read it can be mentioned: on an internal note (or in a thread no contact sees), only
 * staff. The author's own read marker moves to it.
 */
export async function createMessage(trx: Kysely<Database>, principal: Principal, threadId: string, input: CreateMessageInput): Promise<MessageView> {
  const thread = await findThread(trx, principal, threadId);
  const visibility = input.visibility ?? 'portal';
  const portal = visibility === 'portal' && (await isPortalVisible(trx, 'threads', thread.id, principal.tenantId, thread.customer_id));
  const documentIds = await checkDocuments(trx, principal, thread, portal, input.document_ids ?? []);
  const mentions = input.body.includes('@') ? findMentions(input.body, (await listPeople(trx, principal, thread.customer_id)).filter((p) => portal || p.role === 'staff')) : [];

  const author = await currentAuthor(trx, principal);
  const now = new Date().toISOString();
  const row: MessageRow = {
    id: newId('msg'),
    tenant_id: principal.tenantId,
    customer_id: thread.customer_id,
    thread_id: thread.id,
    author_id: author.author_id,
    body: input.body,
    visibility,
    mentions: JSON.stringify(mentions),
    document_ids: JSON.stringify(documentIds),
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('messages').values(row).execute();
  await trx.updateTable('threads').set({ last_message_at: now, updated_at: now }).where('id', '=', thread.id).execute();
  if (author.author_id) await moveMarker(trx, principal.tenantId, thread.id, author.author_id, row);
  const message = toMessageView({ ...row, ...author }, []);
  await recordEvent(trx, principal, {
    type: 'message.created',
    table: 'messages',
    subjectId: message.id,
    customerId: thread.customer_id,
    taskId: null,
    data: { message, thread: { id: thread.id, customer_id: thread.customer_id, project_id: thread.project_id, deal_id: thread.deal_id, subject: thread.subject, visibility: thread.visibility } },
  });
  return message;
}

/** Moves a person's marker forward to `message` (never back); whether it moved. */
async function moveMarker(trx: Kysely<Database>, tenantId: string, threadId: string, userId: string, message: { created_at: string; id: string }): Promise<boolean> {
  const current = await trx.selectFrom('thread_reads').select(['message_at', 'message_id']).where('thread_id', '=', threadId).where('user_id', '=', userId).executeTakeFirst();
  if (current && (message.created_at < current.message_at || (message.created_at === current.message_at && message.id <= current.message_id))) return false;
  const read_at = new Date().toISOString();
  await trx
    .insertInto('thread_reads')
    .values({ thread_id: threadId, user_id: userId, tenant_id: tenantId, message_at: message.created_at, message_id: message.id, read_at })
    .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doUpdateSet({ message_at: message.created_at, message_id: message.id, read_at }))
    .execute();
  return true;
}

/**
 * Marks the thread read up to `messageId` (a message of it the person sees) and records
 * `message.read`, so the others' read receipts update live. A marker never moves back.
 * When the message is an internal note, the event names the newest portal message up to it,
 * so the customer's side sees the receipt without hearing of the note.
 * @example await markThreadRead(trx, principal, 'thr_…', 'msg_…');
 */
export async function markThreadRead(trx: Kysely<Database>, principal: UserPrincipal, threadId: string, messageId: string): Promise<ThreadView> {
  await findThread(trx, principal, threadId);
  const message = await trx
    .selectFrom('messages as m')
    .select(['m.id', 'm.created_at', 'm.visibility', 'm.customer_id'])
    .where('m.id', '=', messageId)
    .where('m.thread_id', '=', threadId)
    .where(visibleTo(principal, 'messages', 'm'))
    .executeTakeFirst();
  if (!message) throw invalid('Not a message of this thread', [{ path: 'message_id', message: 'not a message of this thread' }]);
  if (await moveMarker(trx, principal.tenantId, threadId, principal.userId, message)) {
    const subject =
      message.visibility === 'portal'
        ? message
        : ((await trx
            .selectFrom('messages')
            .select(['id', 'created_at'])
            .where('thread_id', '=', threadId)
            .where('visibility', '=', 'portal')
            .where((eb) => eb.or([eb('created_at', '<', message.created_at), eb.and([eb('created_at', '=', message.created_at), eb('id', '<', message.id)])]))
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirst()) ?? message);
    const user = await trx.selectFrom('users').select(['name', 'role']).where('id', '=', principal.userId).executeTakeFirstOrThrow();
    await recordEvent(trx, principal, {
      type: 'message.read',
      table: 'messages',
      subjectId: subject.id,
      customerId: message.customer_id,
      taskId: null,
      data: { read: { thread_id: threadId, message_id: subject.id, user_id: principal.userId, name: user.name, role: user.role, read_at: new Date().toISOString() } },
    });
  }
  return getThread(trx, principal, threadId);
}
