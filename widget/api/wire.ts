/**
 * The one place where the contract's snake_case meets the widget's camelCase: keys are
 * renamed on the way in and out; values (ids, enum values, field names in `changes`) are not.
 * @example fromWire({ due_date: '2026-01-01' }) // { dueDate: '2026-01-01' }
 */
const convert = (value: unknown, key: (k: string) => string): unknown => {
  if (Array.isArray(value)) return value.map((v) => convert(v, key));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[key(k)] = convert(v, key);
  return out;
};

export const fromWire = <T>(value: unknown): T => convert(value, (k) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())) as T;

export const toWire = (value: unknown): unknown => convert(value, (k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
