/**
 * The widget's camelCase view of a wire (snake_case) type, computed by the type system the way
 * `widget/api/wire.ts` renames keys at run time: every `_x` (x a lower-case letter) of every key
 * becomes `X`, in objects at any depth and inside arrays; values are left as they are. A field
 * the service adds to a schema therefore appears in the widget's type without being written
 * twice. Imports nothing; its one value, `KEPT_KEYS_OF`, is what `wire.ts` reads.
 * @example type Task = Camel<z.infer<typeof TaskSchema>>; // { dueDate: string | null; … }
 */

/**
 * The fields whose value is a map keyed by names that are data, not fields: their keys are kept
 * as they are (`capability_overrides: {"deals.view_value": true}` stays so in the widget).
 */
export const KEPT_KEYS_OF = ['capability_overrides'] as const;
type KeptKeysOf = (typeof KEPT_KEYS_OF)[number];

type Lower = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm' | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';

/** One key renamed: `due_date` → `dueDate`, `deals.view_value` → `deals.viewValue`, `a_1` stays. */
export type CamelKey<S extends string> = S extends `${infer Head}_${infer C}${infer Rest}`
  ? C extends Lower
    ? `${Head}${Uppercase<C>}${CamelKey<Rest>}`
    : `${Head}_${CamelKey<`${C}${Rest}`>}`
  : S;

/** Every key of `T` renamed, at every depth (the keys inside a `KEPT_KEYS_OF` field aside). */
export type Camel<T> = T extends readonly (infer Item)[]
  ? T extends unknown[]
    ? Camel<Item>[]
    : readonly Camel<Item>[]
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { [K in keyof T as K extends string ? CamelKey<K> : K]: K extends KeptKeysOf ? T[K] : Camel<T[K]> }
      : T;

/**
 * `T` with the fields `K` optional: fields a widget must do without when the service or a store
 * it reads (the offline outbox, a cached page) comes from before they existed.
 */
export type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
