/** Shared goals as the widget reads them (camelCase, see `wire.ts`); shapes from `server/goals/goal.schema.ts`. */
import type { Visibility } from './api.types.js';

export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'achieved';
export const GOAL_STATUSES: readonly GoalStatus[] = ['on_track', 'at_risk', 'off_track', 'achieved'];

export interface GoalMetric {
  unit: string;
  start: number;
  target: number;
}

export interface GoalPerson {
  id: string;
  name: string;
  role: 'staff' | 'contact';
}

export interface Goal {
  id: string;
  customerId: string;
  title: string;
  description: string;
  metric: GoalMetric | null;
  current: number | null;
  /** 0..1 from start to target; null without a metric. */
  progress: number | null;
  dueDate: string | null;
  status: GoalStatus;
  visibility: Visibility;
  ownerIds: string[];
  owners: GoalPerson[];
  updateCount: number;
  lastUpdateAt: string | null;
  createdAt: string;
}

export interface GoalUpdate {
  id: string;
  goalId: string;
  value: number | null;
  note: string;
  author: GoalPerson | null;
  createdAt: string;
}

/** What the staff form sends (create: with `customerId`). */
export interface GoalInput {
  customerId?: string;
  title?: string;
  description?: string;
  metric?: GoalMetric | null;
  dueDate?: string | null;
  status?: GoalStatus;
  visibility?: Visibility;
  ownerIds?: string[];
}
