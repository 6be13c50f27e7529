/**
 * The one place where the contract's snake_case meets the widget's camelCase: keys are
 * renamed on the way in and out; values (ids, enum values, field names in `changes`) are not,
 * nor the keys of a map keyed by names (`KEPT_KEYS_OF`: capability names). `Camel<T>` in
 * `contract/camel.ts` is the same renaming at the type level.
 * @example fromWire({ due_date: '2026-01-01' }) // { dueDate: '2026-01-01' }
 */
import { KEPT_KEYS_OF } from '../../contract/camel.js';

const kept = new Set<string>(KEPT_KEYS_OF);
const toCamel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const toSnake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const convert = (value: unknown, key: (k: string) => string, wireName: (k: string, renamed: string) => string): unknown => {
  if (Array.isArray(value)) return value.map((v) => convert(v, key, wireName));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const renamed = key(k);
    out[renamed] = kept.has(wireName(k, renamed)) ? v : convert(v, key, wireName);
  }
  return out;
};

export const fromWire = <T>(value: unknown): T => convert(value, toCamel, (k) => k) as T;

export const toWire = (value: unknown): unknown => convert(value, toSnake, (_, renamed) => renamed);
