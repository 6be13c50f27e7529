import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { breachOverdueRequests } from '../requests/request-sla.js';

type Call = <T = any>(method: string, path: string, body: unknown, auth?: string) => Promise<T>;

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/**
 * The requests of the demo, through the public API: Acme's support escalation past its SLA
 * (breached: the queue shows it first and the owner was told), a meeting request with its slot
 * confirmed, a change order resolved, and Globex's quote request still open. The escalation's
 * due time is moved into the past and the SLA watch run once, as its worker would.
 */
export async function seedRequestsDemo(call: Call, db: Kysely<Database>, who: { acme: string; sam: string; ana: string; bob: string }): Promise<void> {
  await call('PATCH', `/v1/customers/${who.acme}`, { owner_id: who.sam });
  const types = (await call<{ data: { id: string; name: string }[] }>('GET', '/v1/request-types', undefined)).data;
  const type = (name: string) => types.find((t) => t.name === name)!.id;
  const file = (name: string, values: object, auth: string) => call<{ id: string }>('POST', '/v1/requests', { type_id: type(name), values }, auth);

  const escalation = await file('Support escalation', { summary: 'Single sign-on loops back to the sign-in page', severity: 'High', description: 'Since Monday, about a third of our users land on the sign-in page again after Okta.' }, who.ana);
  await db.updateTable('requests').set({ due_at: hoursFromNow(-3) }).where('id', '=', escalation.id).execute();
  await breachOverdueRequests(db);

  const meeting = await file('Meeting request', { topic: 'Go-live rehearsal', preferred_date: daysFromNow(6), preferred_time: 'Morning', attendees: 'Ana, Luis and our IT lead' }, who.ana);
  const start = new Date(`${daysFromNow(6)}T09:00:00Z`);
  await call('POST', `/v1/requests/${meeting.id}/meeting`, { starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(), location: 'Video call' });
  const change = await file('Change order', { summary: 'Add the Lisbon office to the rollout', details: '40 more users in Lisbon, same configuration as Madrid.', impact: 'Medium' }, who.ana);
  await call('PATCH', `/v1/requests/${change.id}`, { status: 'resolved' });
  await file('Quote request', { items: '50 more seats on the Enterprise plan', quantity: 50, needed_by: daysFromNow(20) }, who.bob);
}
