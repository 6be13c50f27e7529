/**
 * Shared goals as the widget reads them: the contract's schemas (`contract/schemas/goal.schema.ts`),
 * camelCased as `wire.ts` renames them (`Camel<…>`). Type-only: zod never reaches a bundle.
 */
import type { z } from '@hono/zod-openapi';
import type { Camel } from '../../contract/camel.js';
import type { CreateGoalBody, GoalUpdateView, GoalView } from '../../contract/schemas/goal.schema.js';
import type { GOAL_STATUSES } from '../../contract/goal-statuses.js';

export { GOAL_STATUSES } from '../../contract/goal-statuses.js';
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** `progress`: 0..1 from start to target; null without a metric. */
export type Goal = Camel<GoalView>;
export type GoalMetric = NonNullable<Goal['metric']>;
/** An owner or an update's author, with their name. */
export type GoalPerson = Goal['owners'][number];

export type GoalUpdate = Camel<GoalUpdateView>;

/** What the staff form sends: any field of `POST /v1/goals` (create: with `customerId`). */
export type GoalInput = Partial<Camel<z.input<typeof CreateGoalBody>>>;
