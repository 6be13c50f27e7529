import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

type Call = <T = any>(method: string, path: string, body: unknown, auth?: string) => Promise<T>;

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

interface Plan {
  goal: Record<string, unknown>;
  /** Weekly updates, oldest first: [value or null, note, who records it]. */
  updates: [number | null, string, string][];
}

/**
 * The demo's success plans: Acme's shared goals (one with a metric that goes down, one that
 * goes up and is at risk, one without a metric), an internal one, and one of Globex, each with
 * a history of weekly updates by both sides. Written through the public API, then moved back
 * in time (only their timestamps), so the history charts span the weeks they describe.
 */
export async function seedGoalsDemo(call: Call, db: Kysely<Database>, who: { acme: string; globex: string; sam: { user_id: string; token: string }; ana: { user_id: string; token: string }; bob: { user_id: string; token: string } }): Promise<void> {
  const { sam, ana, bob } = who;
  const plans: Plan[] = [
    {
      goal: { customer_id: who.acme, title: 'Cut open support tickets', description: 'Fewer tickets as the team learns the product: self-service first.', metric: { unit: 'tickets', start: 120, target: 40 }, due_date: daysFromNow(60), owner_ids: [sam.user_id, ana.user_id] },
      updates: [
        [112, 'Help centre launched internally.', sam.token],
        [101, 'Macros for the ten most asked questions.', ana.token],
        [95, '', sam.token],
        [84, 'SSO questions are gone since the new guide.', ana.token],
        [72, 'Chat answers the password resets now.', ana.token],
      ],
    },
    {
      goal: { customer_id: who.acme, title: 'Weekly active users', description: 'Share of licensed users active each week.', metric: { unit: '%', start: 15, target: 70 }, due_date: daysFromNow(30), status: 'at_risk', owner_ids: [sam.user_id, ana.user_id] },
      updates: [
        [18, 'Sales onboarded.', ana.token],
        [24, 'Support onboarded.', ana.token],
        [27, 'Finance waits for the import (blocked on SSO).', sam.token],
      ],
    },
    {
      goal: { customer_id: who.acme, title: 'Executive sponsor signs off the rollout plan', due_date: daysFromNow(20), owner_ids: [ana.user_id] },
      updates: [[null, 'Plan sent to Dana (COO); review booked for next Tuesday.', ana.token]],
    },
    {
      goal: { customer_id: who.acme, title: 'Expand to the analytics add-on', description: 'Only once adoption is above 50%.', visibility: 'internal', due_date: daysFromNow(90), owner_ids: [sam.user_id] },
      updates: [],
    },
    {
      goal: { customer_id: who.globex, title: 'Reporting adopted by finance', metric: { unit: '%', start: 0, target: 100 }, due_date: daysFromNow(45), owner_ids: [sam.user_id, bob.user_id] },
      updates: [
        [20, 'Two reports built with the finance team.', sam.token],
        [45, 'Month-end close ran on the new reports.', bob.token],
      ],
    },
  ];
  for (const plan of plans) {
    const goal = await call<{ id: string }>('POST', '/v1/goals', plan.goal, sam.token);
    const ids: string[] = [];
    for (const [value, note, auth] of plan.updates) {
      const update = await call<{ id: string }>('POST', `/v1/goals/${goal.id}/updates`, { ...(value === null ? {} : { value }), ...(note ? { note } : {}) }, auth);
      ids.push(update.id);
    }
    const weeks = plan.updates.length;
    await db.updateTable('goals').set({ created_at: daysAgo(7 * weeks + 3) }).where('id', '=', goal.id).execute();
    for (const [i, id] of ids.entries()) await db.updateTable('goal_updates').set({ created_at: daysAgo(7 * (weeks - 1 - i) + 1) }).where('id', '=', id).execute();
    if (ids.length) await db.updateTable('goals').set({ last_update_at: daysAgo(1) }).where('id', '=', goal.id).execute();
  }
}
