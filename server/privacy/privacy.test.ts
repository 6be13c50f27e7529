import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { databases, embedToken, type TestApp } from '../test/harness.js';
import { eventually, startTestWorkers } from '../test/live-fixtures.js';
import { useWorld } from '../test/suite.js';
import { download, storedFiles, upload, uploadForm } from '../test/uploads.js';
import { textColumns } from './text-columns.js';

/** The files of a ZIP, by name. */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return files;
}

const json = (files: Map<string, Buffer>, name: string) => JSON.parse(files.get(name)!.toString('utf8'));

/** Every place in the database where `text` appears, whatever its case: `table.column`. */
async function whereInDatabase(t: TestApp, text: string): Promise<string[]> {
  const places: string[] = [];
  const tables = new Map<string, string[]>();
  for (const { table, column } of await textColumns(t.deps.db)) tables.set(table, [...(tables.get(table) ?? []), column]);
  const like = `%${text.toLowerCase()}%`;
  for (const [table, columns] of tables) {
    const counts = columns.map((c) => sql`sum(case when lower(${sql.ref(c)}) like ${like} then 1 else 0 end)`.as(c));
    const row = (await sql<Record<string, number | null>>`select ${sql.join(counts)} from ${sql.table(table)}`.execute(t.deps.db)).rows[0]!;
    for (const column of columns) if (Number(row[column] ?? 0) > 0) places.push(`${table}.${column}`);
  }
  return places;
}

/** Every file of the blob store holding `text`. */
const whereInBlobs = (t: TestApp, text: string) => storedFiles(t).filter((f) => readFileSync(f).toString('utf8').toLowerCase().includes(text.toLowerCase()));

describe.each(databases)('privacy export and erasure on $name', (database) => {
  const env = useWorld(database);
  let workers: ReturnType<typeof startTestWorkers>;
  beforeAll(() => {
    workers = startTestWorkers(env.t, { emailBatchMs: 3_600_000 });
  });
  afterAll(() => workers.stop());

  /** A contact with a comment, an upload, a notification, a mention in someone else's comment. */
  async function person(name: string, email: string, externalId: string) {
    const { t, w } = env;
    const zoe = await embedToken(t, w.key, { external_id: externalId, name, role: 'contact', email }, { external_id: 'acme' });
    const task = await t.request('POST', '/v1/tasks', { auth: zoe.token, body: { title: 'Send the onboarding pack' } });
    expect(task.status).toBe(201);
    expect((await t.request('POST', `/v1/tasks/${task.body.id}/comments`, { auth: zoe.token, body: { body: `Signed by ${name} <${email}>` } })).status).toBe(201);
    expect((await t.request('POST', `/v1/tasks/${task.body.id}/comments`, { auth: w.staff, body: { body: `Thanks @${name}, received.` } })).status).toBe(201);
    const doc = await upload(t, zoe.token, { name: `${name} passport.txt`, bytes: `Passport of ${name}, ${email}` }, { task_id: task.body.id });
    expect(doc.status).toBe(201);
    // The notifier writes the mention's notification from the log.
    await eventually(async () => {
      const list = await t.request('GET', '/v1/notifications', { auth: zoe.token });
      if (!list.body.data?.some((n: { kind: string }) => n.kind === 'mention')) throw new Error('no mention yet');
    });
    return { ...zoe, taskId: task.body.id as string, docId: doc.body.id as string };
  }

  it('exports everything held about a person as a ZIP, to admins and to the person, never across tenants', async () => {
    const { t, w } = env;
    const zoe = await person('Zoe Quartermaine', 'zoe.q@acme.test', 'zoe-export');
    const admin = await download(t, w.key, `/v1/users/${zoe.user_id}/export`);
    expect(admin.status).toBe(200);
    expect(admin.headers.get('content-type')).toBe('application/zip');
    expect(admin.headers.get('content-disposition')).toContain(`${zoe.user_id}-export.zip`);
    const files = await unzip(admin.bytes);
    expect([...files.keys()].sort()).toEqual(
      expect.arrayContaining(['README.txt', 'profile.json', 'comments.json', 'uploads.json', 'notifications.json', 'activity.json', `uploads/${zoe.docId}-v1-Zoe Quartermaine passport.txt`]),
    );
    expect(json(files, 'profile.json')).toMatchObject({ id: zoe.user_id, name: 'Zoe Quartermaine', email: 'zoe.q@acme.test' });
    expect(json(files, 'comments.json').map((c: { body: string }) => c.body)).toEqual(['Signed by Zoe Quartermaine <zoe.q@acme.test>']);
    expect(files.get(`uploads/${zoe.docId}-v1-Zoe Quartermaine passport.txt`)!.toString()).toBe('Passport of Zoe Quartermaine, zoe.q@acme.test');
    expect(json(files, 'notifications.json').map((n: { kind: string }) => n.kind)).toContain('mention');
    expect(json(files, 'activity.json').map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['user.created', 'task.created', 'comment.created', 'document.created']));
    // Nobody else's comment is in it.
    expect(JSON.stringify(json(files, 'comments.json'))).not.toContain('received');

    const mine = await t.app.request('/v1/me/export', { method: 'POST', headers: { authorization: `Bearer ${zoe.token}` } });
    expect(mine.status).toBe(200);
    expect(json(await unzip(Buffer.from(await mine.arrayBuffer())), 'profile.json').id).toBe(zoe.user_id);

    const audit = await t.request('GET', `/v1/activity?type=user.exported`, { auth: w.key });
    expect(audit.body.data.length).toBe(2);

    expect((await download(t, w.otherTenantKey, `/v1/users/${zoe.user_id}/export`)).status).toBe(404);
    expect((await download(t, w.key, '/v1/users/usr_nobody/export')).status).toBe(404);
    expect((await download(t, w.contactA, `/v1/users/${zoe.user_id}/export`)).status).toBe(403);
    expect((await t.request('POST', '/v1/me/export', { auth: w.key })).status).toBe(403);
  });

  it("erases a person's name and email from every table and their files from the blob store, in one event", async () => {
    const { t, w } = env;
    const name = 'Yannick Oberholzer';
    const email = 'yannick.o@acme.test';
    const yan = await person(name, email, 'yannick-erase');
    expect((await whereInDatabase(t, email)).length).toBeGreaterThan(0);
    expect(whereInBlobs(t, name)).toHaveLength(1);

    const without = await t.request('DELETE', `/v1/users/${yan.user_id}`, { auth: w.key });
    expect(without.status).toBe(400);
    expect((await t.request('DELETE', `/v1/users/${yan.user_id}?erase=true`, { auth: w.otherTenantKey })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/users/${yan.user_id}?erase=true`, { auth: w.contactA })).status).toBe(403);

    const erased = await t.request('DELETE', `/v1/users/${yan.user_id}?erase=true`, { auth: w.staff });
    expect(erased.status).toBe(204);

    expect(await whereInDatabase(t, email)).toEqual([]);
    expect(await whereInDatabase(t, name)).toEqual([]);
    expect(await whereInDatabase(t, 'Oberholzer')).toEqual([]);
    expect(whereInBlobs(t, name)).toEqual([]);
    expect(whereInBlobs(t, email)).toEqual([]);

    // Their token no longer works; their comment reads "[erased]"; the log keeps the id only.
    expect((await t.request('GET', '/v1/me', { auth: yan.token })).status).toBe(401);
    const comments = await t.request('GET', `/v1/tasks/${yan.taskId}/comments`, { auth: w.staff });
    // Both comments, in either order: they may have been written in the same millisecond.
    expect(comments.body.data.map((c: { body: string }) => c.body).sort()).toEqual(['Thanks @[erased], received.', '[erased]']);
    expect((await t.request('GET', `/v1/documents/${yan.docId}`, { auth: w.staff })).status).toBe(404);
    const log = await t.request('GET', `/v1/activity?actor_id=${yan.user_id}`, { auth: w.key });
    expect(log.body.data.length).toBeGreaterThan(2);
    expect(log.body.data.every((e: { actor: { id: string; name: string } }) => e.actor.id === yan.user_id && e.actor.name === '[erased]')).toBe(true);
    const event = await t.request('GET', `/v1/activity?type=user.erased`, { auth: w.key });
    expect(event.body.data).toEqual([expect.objectContaining({ subject_id: yan.user_id, actor: expect.objectContaining({ id: w.staffId }) })]);
  });

  it('keeps bytes another document still holds, and refuses to erase the last admin', async () => {
    const { t, w } = env;
    const xia = await embedToken(t, w.key, { external_id: 'xia-shared', name: 'Xia Shared', role: 'contact', email: 'xia@acme.test' }, { external_id: 'acme' });
    const bytes = 'the same brochure for everyone';
    expect((await upload(t, xia.token, { name: 'brochure.txt', bytes }, { customer_id: w.customerA })).status).toBe(201);
    const kept = await upload(t, w.contactA, { name: 'brochure.txt', bytes }, { customer_id: w.customerA });
    expect((await t.request('DELETE', `/v1/users/${xia.user_id}?erase=true`, { auth: w.key })).status).toBe(204);
    const still = await download(t, w.contactA, `/v1/documents/${kept.body.id}/content`);
    expect(still.status).toBe(200);
    expect(still.bytes.toString()).toBe(bytes);

    // A version they added to someone else's document goes; the document is back at the one before.
    const wen = await embedToken(t, w.key, { external_id: 'wen-version', name: 'Wen Versioner', role: 'contact', email: 'wen@acme.test' }, { external_id: 'acme' });
    const plan = await upload(t, w.staff, { name: 'plan.txt', bytes: 'plan by the team' }, { customer_id: w.customerA });
    const v2 = await t.request('POST', `/v1/documents/${plan.body.id}/versions`, { auth: wen.token, body: uploadForm({ name: 'plan.txt', bytes: 'plan redone by Wen Versioner' }) });
    expect(v2.status).toBe(201);
    expect((await t.request('DELETE', `/v1/users/${wen.user_id}?erase=true`, { auth: w.key })).status).toBe(204);
    const back = await download(t, w.staff, `/v1/documents/${plan.body.id}/content`);
    expect(back.bytes.toString()).toBe('plan by the team');
    expect((await t.request('GET', `/v1/documents/${plan.body.id}`, { auth: w.staff })).body.version).toBe(1);
    expect(whereInBlobs(t, 'Wen Versioner')).toEqual([]);
    expect(await whereInDatabase(t, 'wen@acme.test')).toEqual([]);

    const last = await t.request('DELETE', `/v1/users/${w.staffId}?erase=true`, { auth: w.key });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_admin');
    expect((await t.request('GET', '/v1/me', { auth: w.staff })).status).toBe(200);
    const second = await embedToken(t, w.key, { external_id: 'second-admin', name: 'Second Admin', role: 'staff', email: 'second@vendor.test', staff_role: 'admin' });
    expect((await t.request('DELETE', `/v1/users/${second.user_id}?erase=true`, { auth: w.staff })).status).toBe(204);
    expect((await t.request('DELETE', `/v1/users/${w.staffId}?erase=true`, { auth: w.key })).status).toBe(409);
  });
});
