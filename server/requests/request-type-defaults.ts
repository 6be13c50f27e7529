import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { requestTypeRow } from './request-type.repository.js';
import { CreateRequestTypeBody, type CreateRequestTypeInput } from './request-type.schema.js';

/**
 * The five request types every tenant starts with (new tenants, and existing ones through the
 * requests migration). They are ordinary types afterwards: an admin edits or deletes them.
 * Written as an admin would post them: what they leave out (`required`, `assign_to`,
 * `task_visibility`) takes the schema's defaults, as a type created through the API does.
 */
const TABLE: z.input<typeof CreateRequestTypeBody>[] = [
  {
    name: 'Quote request',
    description: 'Ask for a price for products, seats or services.',
    fields: [
      { key: 'items', label: 'What should the quote cover?', type: 'textarea', required: true },
      { key: 'quantity', label: 'Quantity', type: 'number' },
      { key: 'needed_by', label: 'Needed by', type: 'date' },
    ],
    sla_hours: 48,
  },
  {
    name: 'Change order',
    description: 'Change the scope, timing or terms of the work agreed.',
    fields: [
      { key: 'summary', label: 'Change', type: 'text', required: true },
      { key: 'details', label: 'Details', type: 'textarea', required: true },
      { key: 'impact', label: 'Impact', type: 'select', required: true, options: ['Low', 'Medium', 'High'] },
      { key: 'target_date', label: 'Target date', type: 'date' },
    ],
    sla_hours: 72,
  },
  {
    name: 'Meeting request',
    description: 'Ask for a call or a meeting with the team.',
    fields: [
      { key: 'topic', label: 'Topic', type: 'text', required: true },
      { key: 'preferred_date', label: 'Preferred date', type: 'date', required: true },
      { key: 'preferred_time', label: 'Preferred time', type: 'select', required: false, options: ['Morning', 'Afternoon'] },
      { key: 'attendees', label: 'Who should attend?', type: 'textarea' },
    ],
    sla_hours: 24,
  },
  {
    name: 'Support escalation',
    description: 'Something is broken or blocking you and needs the team now.',
    fields: [
      { key: 'summary', label: 'Summary', type: 'text', required: true },
      { key: 'severity', label: 'Severity', type: 'select', required: true, options: ['Critical', 'High', 'Normal'] },
      { key: 'description', label: 'What happened?', type: 'textarea', required: true },
      { key: 'attachment', label: 'Screenshot or log', type: 'file' },
    ],
    sla_hours: 4,
  },
  {
    name: 'Document request',
    description: 'Ask for a document: a certificate, a report, a signed copy.',
    fields: [
      { key: 'document', label: 'Which document?', type: 'text', required: true },
      { key: 'purpose', label: 'What is it for?', type: 'textarea' },
      { key: 'needed_by', label: 'Needed by', type: 'date' },
    ],
    sla_hours: 72,
  },
];

export const DEFAULT_REQUEST_TYPES: readonly CreateRequestTypeInput[] = TABLE.map((type) => CreateRequestTypeBody.parse(type));

/**
 * Gives a tenant the five default request types, in their order.
 * @example await insertDefaultRequestTypes(trx, tenant.id);
 */
export async function insertDefaultRequestTypes(db: Kysely<any>, tenantId: string, now = new Date().toISOString()): Promise<void> {
  await db
    .insertInto('request_types')
    .values(DEFAULT_REQUEST_TYPES.map((type, position) => requestTypeRow(tenantId, type, type.fields, position, now)))
    .execute();
}
