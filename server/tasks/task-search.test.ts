import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

interface Seeded {
  id: string;
  title: string;
  description: string;
  customer: 'A' | 'B';
  internal: boolean;
}

/**
 * `q` through the text index (SQLite FTS5 trigrams, PostgreSQL pg_trgm) finds exactly what a
 * plain reading of the rule finds: every word, as a substring of the title or the description,
 * in any case; and only among the tasks the caller may see.
 */
describe.each(databases)('keyword search on $name', (database) => {
  const env = useWorld(database);
  const seeded: Seeded[] = [];
  const create = async (title: string, description: string, customer: 'A' | 'B', internal = false) => {
    const { w, t } = env;
    const r = await t.request('POST', '/v1/tasks', { auth: w.key, body: { title, description, customer_id: customer === 'A' ? w.customerA : w.customerB, visibility: internal ? 'internal' : 'portal' } });
    expect(r.status).toBe(201);
    seeded.push({ id: r.body.id, title, description, customer, internal });
    return r.body.id as string;
  };
  const search = async (auth: string, q: string, extra = '') => {
    const r = await env.t.request('GET', `/v1/tasks?limit=200&q=${encodeURIComponent(q)}${extra}`, { auth });
    expect(r.status).toBe(200);
    return (r.body.data as { id: string }[]).map((task) => task.id).sort();
  };
  /** The model: every word in the title or the description, lower-cased, as a substring. */
  const expected = (q: string, who: (task: Seeded) => boolean) => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return seeded
      .filter((task) => who(task) && words.every((word) => task.title.toLowerCase().includes(word) || task.description.toLowerCase().includes(word)))
      .map((task) => task.id)
      .sort();
  };

  it('finds what the rule says, for the team across customers and for a contact in its own', async () => {
    await create('Configure SSO for the EU tenant', 'Use SAML; the IdP is Okta.', 'A');
    await create('SSO rollout plan', 'Phase 2: 50% of users', 'B');
    await create('Upload the signed DPA', 'Legal wants it before go-live', 'A');
    await create('Churn risk review', 'Internal: renewal in Q3, SSO complaints', 'A', true);
    await create('Export invoices (CSV)', 'Columns: id, total_amount, "net"', 'B');
    await create('Kick-off', 'Agenda: intros, scope, SSO', 'A');
    await create('Train the admins', 'Two sessions; one in Montréal', 'B');
    const queries = ['sso', 'SSO eu', 'okta saml', 'plan phase', '50%', 'total_amount', '"net"', 'kick-off', 'go-live dpa', 'in', 'q3 renewal', 'montréal', 'MONTRÉAL', 'two se', 'nothing like this', 'a'];
    const { w } = env;
    for (const q of queries) {
      expect(await search(w.staff, q), `staff: ${q}`).toEqual(expected(q, () => true));
      expect(await search(w.key, q, `&customer_id=${w.customerB}`), `key, customer B: ${q}`).toEqual(expected(q, (task) => task.customer === 'B'));
      expect(await search(w.contactA, q), `contact A: ${q}`).toEqual(expected(q, (task) => task.customer === 'A' && !task.internal));
    }
    // Another tenant's team finds none of them.
    expect(await search(w.otherTenantKey, 'sso')).toEqual([]);
  });

  it('follows a task’s changes: a new title is found, the old one no longer, a deleted task never', async () => {
    const { w, t } = env;
    const id = await create('Quarterly zanzibar review', '', 'A');
    expect(await search(w.staff, 'zanzibar')).toEqual([id]);
    expect((await t.request('PATCH', `/v1/tasks/${id}`, { auth: w.key, body: { title: 'Quarterly xylophone review', description: 'was zanzibar' } })).status).toBe(200);
    expect(await search(w.staff, 'xylophone')).toEqual([id]);
    expect(await search(w.staff, 'zanzibar quarterly')).toEqual([id]);
    expect((await t.request('PATCH', `/v1/tasks/${id}`, { auth: w.key, body: { description: '' } })).status).toBe(200);
    expect(await search(w.staff, 'zanzibar')).toEqual([]);
    expect((await t.request('DELETE', `/v1/tasks/${id}`, { auth: w.key })).status).toBe(204);
    expect(await search(w.staff, 'xylophone')).toEqual([]);
  });

  it('pages through a common word exactly as through the rows in order, cursor after cursor', async () => {
    const { w, t } = env;
    for (let i = 0; i < 24; i++) await create(`Weekly sync ${i}${i % 3 === 0 ? ' (quokka)' : ''}`, i % 4 === 1 ? 'quokka notes' : '', i % 2 ? 'A' : 'B', i % 5 === 0);
    const all = await t.request('GET', '/v1/tasks?limit=200', { auth: w.staff });
    const inOrder = (all.body.data as { id: string }[]).map((task) => task.id);
    const wanted = new Set(expected('quokka', () => true));
    const pages: string[] = [];
    let cursor = '';
    for (let n = 0; n < 50; n++) {
      const r = await t.request('GET', `/v1/tasks?limit=2&q=quokka${cursor ? `&cursor=${cursor}` : ''}`, { auth: w.staff });
      expect(r.status).toBe(200);
      pages.push(...(r.body.data as { id: string }[]).map((task) => task.id));
      if (!r.body.next_cursor) break;
      cursor = r.body.next_cursor;
    }
    expect(pages).toEqual(inOrder.filter((id) => wanted.has(id)));
    expect(pages.length).toBeGreaterThan(6);
  });

  it('pages through hundreds of matches, many created in the same millisecond, exactly as through the rows in order', async () => {
    const { w, t } = env;
    const ids: string[] = [];
    for (let i = 0; i < 320; i++) ids.push(await create(`Batch ${i}${i % 4 === 3 ? '' : ' walrus'}`, i % 7 === 0 ? 'a walrus here too' : '', i % 2 ? 'A' : 'B', i % 9 === 0));
    // No route sets a creation time, but an import could: whole runs of tasks sharing one
    // millisecond, which the index reads whole, each run longer than the index's first step.
    const at = (i: number) => new Date(Date.UTC(2020, 0, 1, 0, 0, 0, i < 200 ? 5 : i < 230 ? 7 : 8 + i)).toISOString();
    for (const [i, id] of ids.entries()) await t.deps.db.updateTable('tasks').set({ created_at: at(i) }).where('id', '=', id).execute();
    const inOrder: string[] = [];
    for (let cursor = ''; ; ) {
      const r = await t.request('GET', `/v1/tasks?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { auth: w.staff });
      inOrder.push(...(r.body.data as { id: string }[]).map((task) => task.id));
      if (!r.body.next_cursor) break;
      cursor = r.body.next_cursor;
    }
    for (const [q, limit, extra] of [['walrus', 7, ''], ['WALRUS batch', 60, ''], ['walrus', 5, '&status=todo&visibility=internal'], ['walrus 1', 9, '']] as const) {
      const wanted = new Set(expected(q, () => true));
      const pages: string[] = [];
      for (let cursor = '', n = 0; n < 100; n++) {
        const r = await t.request('GET', `/v1/tasks?limit=${limit}&q=${encodeURIComponent(q)}${extra}${cursor ? `&cursor=${cursor}` : ''}`, { auth: w.staff });
        expect(r.status).toBe(200);
        pages.push(...(r.body.data as { id: string }[]).map((task) => task.id));
        if (!r.body.next_cursor) break;
        cursor = r.body.next_cursor;
      }
      const internalTodo = new Set(seeded.filter((task) => task.internal).map((task) => task.id));
      expect(pages, `${q}${extra}`).toEqual(inOrder.filter((id) => wanted.has(id) && (!extra || internalTodo.has(id))));
    }
  });

  it('finds a task whose description is too long for the index in page order (PostgreSQL: more than 2,000 trigrams), among the others', async () => {
    const { w, t } = env;
    // 20,000 characters of varied text: about 15,000 distinct trigrams, more than a GiST row holds.
    let seed = 7;
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const word = () => Array.from({ length: 3 + (seed % 6) }, () => letters[(seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % 26]).join('');
    const words: string[] = [];
    for (let length = 0; length < 20_000; length += words[words.length - 1]!.length + 1) words.push(word());
    const long = words.join(' ');
    const half = long.slice(0, 10_000);
    const ids = [
      await create('Pangolin census, part 1', '', 'A'),
      await create('Field notes', `${half} the pangolin burrow ${long.slice(10_000)}`, 'B'),
      await create('Pangolin census, part 2', 'short', 'A', true),
      await create('More field notes', `${long} no such animal`, 'A'),
      await create('Pangolin census, part 3', '', 'B'),
    ];
    if (database.name === 'postgres') {
      const { rows } = await sql<{ n: number }>`select cardinality(public.show_trgm(lower(title || ' ' || description))) as n from tasks where id = ${ids[1]}`.execute(t.deps.db);
      expect(Number(rows[0]!.n)).toBeGreaterThan(2_000);
    }
    for (const limit of [1, 2, 50]) {
      const pages: string[] = [];
      for (let cursor = '', n = 0; n < 10; n++) {
        const r = await t.request('GET', `/v1/tasks?limit=${limit}&q=pangolin${cursor ? `&cursor=${cursor}` : ''}`, { auth: w.staff });
        expect(r.status).toBe(200);
        pages.push(...(r.body.data as { id: string }[]).map((task) => task.id));
        if (!r.body.next_cursor) break;
        cursor = r.body.next_cursor;
      }
      expect(pages, `limit ${limit}`).toEqual([ids[0], ids[1], ids[2], ids[4]]);
    }
    expect(await search(w.staff, 'burrow pangolin')).toEqual([ids[1]]);
    expect(await search(w.staff, `${words[5]} ${words[words.length - 2]}`)).toEqual(expected(`${words[5]} ${words[words.length - 2]}`, () => true));
    expect(await search(w.contactA, 'pangolin')).toEqual([ids[0]]);
  });
});
