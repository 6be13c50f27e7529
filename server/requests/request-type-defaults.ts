import type { Kysely } from 'kysely';
import { newId } from '../lib/ids.js';

/** A field of a request type's form, as stored (JSON) and as the API answers it. */
export interface RequestField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'file';
  required: boolean;
  options?: string[];
}

/** A request type as a tenant first gets it. */
export interface RequestTypeDefinition {
  name: string;
  description: string;
  fields: RequestField[];
  sla_hours: number;
  assign_to: 'owner' | 'none' | `usr_${string}`;
  task_visibility: 'portal' | 'internal';
}

/**
 * The five request types every tenant starts with (new tenants, and existing ones through the
 * requests migration). They are ordinary types afterwards: an admin edits or deletes them.
 */
export const DEFAULT_REQUEST_TYPES: readonly RequestTypeDefinition[] = [
  {
    name: 'Quote request',
    description: 'Ask for a price for products, seats or services.',
    fields: [
      { key: 'items', label: 'What should the quote cover?', type: 'textarea', required: true },
      { key: 'quantity', label: 'Quantity', type: 'number', required: false },
      { key: 'needed_by', label: 'Needed by', type: 'date', required: false },
    ],
    sla_hours: 48,
    assign_to: 'owner',
    task_visibility: 'portal',
  },
  {
    name: 'Change order',
    description: 'Change the scope, timing or terms of the work agreed.',
    fields: [
      { key: 'summary', label: 'Change', type: 'text', required: true },
      { key: 'details', label: 'Details', type: 'textarea', required: true },
      { key: 'impact', label: 'Impact', type: 'select', required: true, options: ['Low', 'Medium', 'High'] },
      { key: 'target_date', label: 'Target date', type: 'date', required: false },
    ],
    sla_hours: 72,
    assign_to: 'owner',
    task_visibility: 'portal',
  },
  {
    name: 'Meeting request',
    description: 'Ask for a call or a meeting with the team.',
    fields: [
      { key: 'topic', label: 'Topic', type: 'text', required: true },
      { key: 'preferred_date', label: 'Preferred date', type: 'date', required: true },
      { key: 'preferred_time', label: 'Preferred time', type: 'select', required: false, options: ['Morning', 'Afternoon'] },
      { key: 'attendees', label: 'Who should attend?', type: 'textarea', required: false },
    ],
    sla_hours: 24,
    assign_to: 'owner',
    task_visibility: 'portal',
  },
  {
    name: 'Support escalation',
    description: 'Something is broken or blocking you and needs the team now.',
    fields: [
      { key: 'summary', label: 'Summary', type: 'text', required: true },
      { key: 'severity', label: 'Severity', type: 'select', required: true, options: ['Critical', 'High', 'Normal'] },
      { key: 'description', label: 'What happened?', type: 'textarea', required: true },
      { key: 'attachment', label: 'Screenshot or log', type: 'file', required: false },
    ],
    sla_hours: 4,
    assign_to: 'owner',
    task_visibility: 'portal',
  },
  {
    name: 'Document request',
    description: 'Ask for a document: a certificate, a report, a signed copy.',
    fields: [
      { key: 'document', label: 'Which document?', type: 'text', required: true },
      { key: 'purpose', label: 'What is it for?', type: 'textarea', required: false },
      { key: 'needed_by', label: 'Needed by', type: 'date', required: false },
    ],
    sla_hours: 72,
    assign_to: 'owner',
    task_visibility: 'portal',
  },
];

/**
 * Gives a tenant the five default request types, in their order.
 * @example await insertDefaultRequestTypes(trx, tenant.id);
 */
export async function insertDefaultRequestTypes(db: Kysely<any>, tenantId: string, now = new Date().toISOString()): Promise<void> {
  await db
    .insertInto('request_types')
    .values(
      DEFAULT_REQUEST_TYPES.map((t, position) => ({
        id: newId('rqt'),
        tenant_id: tenantId,
        name: t.name,
        description: t.description,
        fields: JSON.stringify(t.fields),
        sla_hours: t.sla_hours,
        assign_to: t.assign_to,
        task_visibility: t.task_visibility,
        position,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })),
    )
    .execute();
}
