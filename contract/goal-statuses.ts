/**
 * A shared goal's standings, as its owners set them: the goal schema's `z.enum` is built from
 * them and the widget lists them (the goal form, the summary). A module of its own rather than
 * `values.ts`, which the first bundle carries: only the lazily loaded goal views import it, so
 * it stays in their chunks. Imports nothing.
 */
export const GOAL_STATUSES = ['on_track', 'at_risk', 'off_track', 'achieved'] as const;
