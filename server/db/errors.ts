/** Whether a database error is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs `work` again once when it loses a race on a unique constraint (two requests
 * upserting the same external id at once): the second run finds the first one's row.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return work();
  }
}

/**
 * Runs `work`, turning a unique-constraint violation into `conflict` (a 409 the caller names),
 * so that two requests racing for the same external id never answer a 5xx.
 * @example await onUniqueViolation(() => trx.insertInto('customers').values(row).execute(), new ApiError(409, 'external_id_taken', '…'));
 */
export async function onUniqueViolation<T>(work: () => Promise<T>, conflict: Error): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isUniqueViolation(error) ? conflict : error;
  }
}
