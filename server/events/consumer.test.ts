import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { eventually } from '../test/live-fixtures.js';
import { consumeBatch, startConsumer, type Consumer } from './consumer.js';

describe.each(databases)('event-log consumers on $name', (database) => {
  const env = useWorld(database);

  const task = (title: string) => env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title, customer_id: env.w.customerA } });
  /** A consumer that writes one row per event (into a table every install has) and can be made to fail. */
  const recorder = (name: string, failOn: (title: string) => boolean): Consumer => ({
    name,
    async handle(trx, events) {
      for (const event of events) {
        await trx.insertInto('consumer_offsets').values({ name: `${name}:${event.id}`, event_id: event.id, updated_at: event.created_at }).execute();
        const title = (JSON.parse(event.data) as { task?: { title?: string } }).task?.title ?? '';
        if (failOn(title)) throw new Error(`cannot handle ${title}`);
      }
      return true;
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
});
