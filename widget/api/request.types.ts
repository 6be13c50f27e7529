/** Structured requests as the widget reads them (camelCase, see `wire.ts`); shapes from the server's schemas in `server/requests/`. */
export type RequestFieldType = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'file';
export type RequestStatus = 'open' | 'in_progress' | 'resolved' | 'canceled';
export const REQUEST_STATUSES: readonly RequestStatus[] = ['open', 'in_progress', 'resolved', 'canceled'];

export interface RequestField {
  /** A value, not a key of the wire: kept as the service spells it (`needed_by`). */
  key: string;
  label: string;
  type: RequestFieldType;
  required: boolean;
  options?: string[];
}

export interface RequestType {
  id: string;
  name: string;
  description: string;
  fields: RequestField[];
  slaHours: number;
  assignTo: string;
  taskVisibility: 'portal' | 'internal';
}

export type RequestTypeInput = Pick<RequestType, 'name' | 'description' | 'fields' | 'slaHours' | 'assignTo' | 'taskVisibility'>;

export interface ServiceRequest {
  id: string;
  type: { id: string; name: string };
  customerId: string;
  projectId: string | null;
  /** By field key, camel-cased on the way in like every key (`valueOf` reads it). */
  values: Record<string, string | number>;
  status: RequestStatus;
  taskId: string | null;
  submittedBy: string | null;
  submitter: { id: string; name: string } | null;
  createdAt: string;
  dueAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  slaBreached: boolean;
  meeting: { startsAt: string; endsAt: string; location: string | null } | null;
}

/** A request's value for a field: the wire camel-cases `values`' keys, the field keeps the service's. */
export const valueOf = (request: ServiceRequest, key: string): string | number | undefined =>
  request.values[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
