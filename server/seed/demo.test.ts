import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, startTestApp, type TestApp } from '../test/harness.js';
import { seedDemo } from './demo.js';

describe.each(databases)('the demo seed on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(() => t.close());

  it('seeds a tenant whose customer talks with its CSM, an internal note among the messages', async () => {
    const demo = await seedDemo(t.deps);
    expect(demo).not.toBeNull();
    const acme = (await t.request('GET', '/v1/customers?external_id=acme', { auth: demo!.apiKey })).body.data[0];
    const threads = (await t.request('GET', `/v1/threads?customer_id=${acme.id}`, { auth: demo!.apiKey })).body.data;
    expect(threads.map((th: { subject: string }) => th.subject)).toEqual(['General', 'Go-live checklist']);
    const messages = (await t.request('GET', `/v1/threads/${threads[0].id}/messages`, { auth: demo!.apiKey })).body.data;
    expect(messages.map((m: { visibility: string }) => m.visibility)).toEqual(['portal', 'internal', 'portal']);
    expect(await seedDemo(t.deps)).toBeNull();
  });
});
