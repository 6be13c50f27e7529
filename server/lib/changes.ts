/**
 * The fields of `patch` that differ from `before`, and their old values: what a PATCH changes,
 * and what its `*.updated` event reports as `changes` and `previous`.
 * @example const { changes, previous } = changedFields(before, { name: 'New' }, ['name', 'status']);
 */
export function changedFields<T extends object, K extends keyof T & string>(
  before: T,
  patch: { [F in K]?: T[F] | undefined },
  fields: readonly K[],
): { changes: K[]; previous: Partial<Pick<T, K>> } {
  const changes = fields.filter((field) => patch[field] !== undefined && patch[field] !== before[field]);
  const previous = Object.fromEntries(changes.map((field) => [field, before[field]])) as Partial<Pick<T, K>>;
  return { changes, previous };
}
