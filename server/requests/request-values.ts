import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database } from '../db/database.js';
import { invalid } from '../errors.js';
import type { RequestField } from './request-type.schema.js';

type Value = string | number | boolean | null;
type Failing = { path: string; message: string };

const MAX_LENGTH: Record<string, number> = { text: 500, textarea: 20_000 };

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** What is wrong with one present value of `field`, or null. */
function problemOf(field: RequestField, value: Value): string | null {
  switch (field.type) {
    case 'text':
    case 'textarea':
      if (typeof value !== 'string') return 'expected text';
      return value.length > MAX_LENGTH[field.type]! ? `at most ${MAX_LENGTH[field.type]} characters` : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'expected a date (YYYY-MM-DD)';
    case 'select':
      return typeof value === 'string' && field.options?.includes(value) ? null : `expected one of: ${(field.options ?? []).join(', ')}`;
    case 'file':
      return typeof value === 'string' && /^doc_[0-9A-Za-z]{1,40}$/.test(value) ? null : 'expected a document id';
  }
}

const empty = (value: Value | undefined) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The values of a request checked against its type's fields, every failing key at once
 * (`values.<key>` in `details`): a required field left empty, a key the type does not have,
 * a value of the wrong kind, a select option not offered, a date that is not one, and a file
 * field naming a document the caller may not see or of another customer. Answers the values
 * to store (trimmed text, empty optional fields dropped).
 * @example const values = await checkValues(trx, principal, fields, input.values, customerId);
 */
export async function checkValues(db: Kysely<Database>, principal: Principal, fields: readonly RequestField[], values: Record<string, Value>, customerId: string): Promise<Record<string, string | number>> {
  const failing: Failing[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) if (!known.has(key)) failing.push({ path: `values.${key}`, message: 'not a field of this request type' });
  const out: Record<string, string | number> = {};
  const files: { key: string; id: string }[] = [];
  for (const field of fields) {
    const value = values[field.key];
    if (empty(value)) {
      if (field.required) failing.push({ path: `values.${field.key}`, message: `${field.label} is required` });
      continue;
    }
    const problem = problemOf(field, value!);
    if (problem) {
      failing.push({ path: `values.${field.key}`, message: problem });
      continue;
    }
    out[field.key] = typeof value === 'string' ? value.trim() : (value as number);
    if (field.type === 'file') files.push({ key: field.key, id: value as string });
  }
  for (const file of files) {
    // The caller's own view of documents: what it may not see is as absent as what does not exist.
    const doc = await db.selectFrom('documents as d').select(['d.customer_id']).where('d.id', '=', file.id).where(visibleTo(principal, 'documents', 'd')).executeTakeFirst();
    if (!doc || doc.customer_id !== customerId) failing.push({ path: `values.${file.key}`, message: 'no document of this customer with that id' });
  }
  if (failing.length > 0) throw invalid('Some values do not fit the request type', failing);
  return out;
}
