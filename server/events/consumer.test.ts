import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { eventually } from '../test/live-fixtures.js';
import { consumeBatch, startConsumer, type Consumer } from './consumer.js';

describe.each(databases)('event-log consumers on $name', (database) => {
  const env = useWorld(database);

  const task = (title: string) => env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title, customer_id: env.w.customerA } });
  /** A consumer that writes one row per event (into a table every install has) and can be made to fail while it writes. */
  const recorder = (name: string, failOn: (title: string) => boolean): Consumer => ({
    name,
    async plan(_db, events) {
      return async (trx) => {
        for (const event of events) {
          await trx.insertInto('consumer_offsets').values({ name: `${name}:${event.id}`, event_id: event.id, updated_at: event.created_at }).execute();
          const title = (JSON.parse(event.data) as { task?: { title?: string } }).task?.title ?? '';
          if (failOn(title)) throw new Error(`cannot handle ${title}`);
        }
      };
    },
  });
  const recorded = async (name: string) =>
    (await env.t.deps.db.selectFrom('consumer_offsets').select('event_id').where('name', 'like', `${name}:%`).orderBy('event_id').execute()).map((r) => r.event_id);
  const offset = async (name: string) => (await env.t.deps.db.selectFrom('consumer_offsets').select('event_id').where('name', '=', name).executeTakeFirst())?.event_id;

  it('starts a new consumer at the end of the log, and keeps its rows and offset together or not at all', async () => {
    let failing = true;
    const consumer = recorder('atomic', (title) => failing && title === 'Poison');
    expect(await consumeBatch(env.t.deps, consumer, 10)).toBe(0);
    const start = (await offset('atomic'))!;
    await task('First');
    await task('Poison');
    await expect(consumeBatch(env.t.deps, consumer, 10)).rejects.toThrow('cannot handle Poison');
    expect(await recorded('atomic')).toEqual([]);
    expect(await offset('atomic')).toBe(start);

    failing = false;
    expect(await consumeBatch(env.t.deps, consumer, 10)).toBe(2);
    expect(await consumeBatch(env.t.deps, consumer, 10)).toBe(0);
    const ids = await recorded('atomic');
    expect(ids).toHaveLength(2);
    expect(await offset('atomic')).toBe(ids[1]);
  });

  it('skips an event that keeps failing, says so, and carries on with the rest', async () => {
    const lines: string[] = [];
    const consumer = recorder('stubborn', (title) => title === 'Always broken');
    await consumeBatch(env.t.deps, consumer, 10);
    await task('Before');
    await task('Always broken');
    await task('After');
    const worker = startConsumer(env.t.deps, consumer, { intervalMs: 10, log: (line) => lines.push(line) });
    await eventually(async () => expect(await recorded('stubborn')).toHaveLength(2), 10_000);
    await worker.stop();
    expect(lines.filter((line) => line.includes('skipped event'))).toHaveLength(1);
    const [before, after] = await recorded('stubborn');
    expect(after! - before!).toBe(2);
  });

  it('hands each event to one of two callers that read the same batch at once', async () => {
    const consumer = recorder('twice', () => false);
    await consumeBatch(env.t.deps, consumer, 10);
    await task('One');
    await task('Two');
    const handled = await Promise.all([consumeBatch(env.t.deps, consumer, 10), consumeBatch(env.t.deps, consumer, 10)]);
    expect(handled.sort()).toEqual([0, 2]);
    expect(await recorded('twice')).toHaveLength(2);
  });

  it("lets the requests' queries run while a batch is being read", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow: Consumer = {
      name: 'slow',
      async plan(db, events) {
        await db.selectFrom('events').select('id').where('id', '=', events[0]!.id).execute();
        await released;
        return null;
      },
    };
    await consumeBatch(env.t.deps, slow, 10);
    await task('Read while the batch is read');
    const batch = consumeBatch(env.t.deps, slow, 10);
    // On SQLite a batch read inside its transaction held the only connection: this request waited for the batch, which waited for it.
    expect((await env.t.request('GET', '/v1/tasks', { auth: env.w.key })).status).toBe(200);
    release();
    expect(await batch).toBe(1);
  });
});
