/**
 * The pieces every resource schema of the contract is built from. The contract's schemas are
 * the one definition of the API's shapes: the service validates with them and documents them in
 * `/v1/openapi.json`; the widget and the admin page derive their types from them, type-only
 * (`Camel<z.infer<…>>`), so none of this reaches a browser bundle. Nothing under `contract/` may
 * import from `server/` or `widget/`.
 */
import { z } from '@hono/zod-openapi';

/** `?limit=&cursor=` of every list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
  cursor: z.string().max(500).optional(),
});

/** `{data, next_cursor}` around a list of `item`. */
export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export const Visibility = z.enum(['portal', 'internal']);
export const Timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-25T09:00:00.000Z' });
export const NullableTimestamp = Timestamp.nullable();

/** A calendar date that exists: `2026-02-30` is refused. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date')
  .openapi({ format: 'date', example: '2026-12-01' });

/** Text that must hold something besides spaces. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

/** A company's internet domain, lower-cased: what deal registrations and referrals compare. */
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain such as acme.test')
  .max(253);

/** A comma-separated list of enum values, e.g. `status=todo,blocked`. */
export const commaList = <E extends z.ZodEnum<Record<string, string>>>(values: E) =>
  z
    .string()
    .transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(values).min(1));

/** The people fields most resources embed (`author`, `members`): `staff` or `contact`. */
export const Role = z.enum(['staff', 'contact']);

/** An email address as sign-in forms and imports accept it. */
export const EmailAddress = z.string().trim().pipe(z.email().max(320)).openapi({ type: 'string', format: 'email' });
