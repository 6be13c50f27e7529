/**
 * Structured requests as the widget reads them: the contract's schemas
 * (`contract/schemas/request*.schema.ts`), camelCased as `wire.ts` renames them (`Camel<…>`).
 * Type-only: zod never reaches a bundle.
 */
import type { Camel, Optional } from '../../contract/camel.js';
import type { CreateRequestTypeInput, RequestField as RequestFieldView, RequestTypeView } from '../../contract/schemas/request-type.schema.js';
import type { RequestView } from '../../contract/schemas/request.schema.js';
import type { REQUEST_FIELD_TYPES, REQUEST_STATUSES } from '../../contract/request-values.js';

export { REQUEST_FIELD_TYPES, REQUEST_STATUSES } from '../../contract/request-values.js';
export type RequestFieldType = (typeof REQUEST_FIELD_TYPES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A field of a request type's form. Its `key` is a value, not a key of the wire: kept as the service spells it (`needed_by`). */
export type RequestField = Camel<RequestFieldView>;

export type RequestType = Camel<RequestTypeView>;

/** What a request form shows: a saved type, or the admin's draft previewed before the service has it (no dates). */
export type ShownRequestType = Optional<RequestType, 'createdAt' | 'updatedAt'>;

/** The admin's draft of a request type: every field of `POST /v1/request-types`, its defaults filled in. */
export type RequestTypeInput = Camel<CreateRequestTypeInput>;

/** A request. `values` is by field key, camel-cased on the way in like every key (`valueOf` reads it). */
export type ServiceRequest = Camel<RequestView>;

/** A request's value for a field: the wire camel-cases `values`' keys, the field keeps the service's. */
export const valueOf = (request: ServiceRequest, key: string): string | number | undefined =>
  request.values[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
