/**
 * The one place where the contract's snake_case meets the widget's camelCase: keys are
 * renamed on the way in and out; values (ids, enum values, field names in `changes`) are not,
 * nor the keys of a map keyed by names (`KEPT_KEYS_OF`: capability names). `Camel<T>` in
 * `contract/camel.ts` is the same renaming at the type level.
 * @example fromWire({ due_date: '2026-01-01' }) // { dueDate: '2026-01-01' }
 */
import { KEPT_KEYS_OF } from '../../contract/camel.js';

const kept: readonly string[] = KEPT_KEYS_OF;
const toSnake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const convert = (value: unknown, key: (k: string) => string): unknown => {
  if (Array.isArray(value)) return value.map((v) => convert(v, key));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // A kept map's name is the same snake_case either way (`toSnake` leaves a wire key as it is).
  for (const [k, v] of Object.entries(value)) out[key(k)] = typeof v === 'object' && kept.includes(toSnake(k)) ? v : convert(v, key);
  return out;
};

export const fromWire = <T>(value: unknown): T => convert(value, (k) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())) as T;

export const toWire = (value: unknown): unknown => convert(value, toSnake);
