/**
 * The values of a structured request that the widget lists at run time; the request schemas'
 * `z.enum`s are built from them. A module of its own rather than `values.ts`, which the first
 * bundle carries: only the lazily loaded request views and the admin page import it. Imports nothing.
 */
/** Where a request is: `resolved` and `canceled` close it. */
export const REQUEST_STATUSES = ['open', 'in_progress', 'resolved', 'canceled'] as const;
/** The kinds of field a request type's form may ask for. */
export const REQUEST_FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select', 'file'] as const;
