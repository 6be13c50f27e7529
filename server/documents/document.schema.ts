import { z } from '@hono/zod-openapi';
import { UploadFields, type UploadFieldsInput } from '../../contract/schemas/document.schema.js';
import { checkFields } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import { validationError } from '../lib/error-handler.js';
import { assertSafeText } from '../lib/safe-text.js';
import { IdParam } from '../lib/schemas.js';

/** Defined once in the contract (`contract/`), which the widget's types derive from. */
export * from '../../contract/schemas/document.schema.js';

/**
 * The text fields of a new document's upload (multipart parts or tus metadata), as `principal`
 * may send them: a 400 for a bad one, a 403 for one a contact may not set.
 * @example const fields = uploadFieldsOf(principal, { task_id: 'tsk_…' });
 */
export function uploadFieldsOf(principal: Principal, raw: Record<string, string>): UploadFieldsInput {
  assertSafeText(raw);
  const fields = UploadFields.safeParse(raw);
  if (!fields.success) throw validationError(fields.error);
  checkFields(principal, 'documents.upload', fields.data);
  return fields.data;
}

const fieldsJson = z.toJSONSchema(UploadFields, { io: 'input' }) as { properties: Record<string, { type: 'string' }> };

/** The multipart body as the OpenAPI document shows it (from `UploadFields`); it is parsed as a stream, never buffered. */
export const UploadBodyDoc = {
  type: 'object' as const,
  properties: { file: { type: 'string' as const, format: 'binary', description: 'The file (one per upload)' }, ...fieldsJson.properties },
  required: ['file'],
  additionalProperties: false,
};

export const VersionParams = IdParam('doc').extend({
  number: z.coerce.number().int().min(1).max(1_000_000).openapi({ param: { name: 'number', in: 'path' }, example: 2 }),
});

/** The multipart body of a new version: its one `file` part. */
export const VersionBodyDoc = {
  type: 'object' as const,
  properties: { file: { type: 'string' as const, format: 'binary', description: 'The new version\'s bytes' } },
  required: ['file'],
  additionalProperties: false,
};
