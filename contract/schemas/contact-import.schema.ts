import { z } from '@hono/zod-openapi';

/** The most rows one import takes; larger lists go in several files. */
export const MAX_IMPORT_ROWS = 5000;

export const ImportBody = z
  .object({
    csv: z.string().max(900_000).openapi({
      description: 'A header row naming `name` and `email` (any order, optional `external_id`; other columns are ignored), then one contact a row. Comma or semicolon separated; RFC 4180 quoting.',
      example: 'name,email\nAna Silva,ana@acme.test\n"Moreno, Luis",luis@acme.test\n',
    }),
    dry_run: z.boolean().default(false).openapi({ description: 'Report what would happen and write nothing (the preview)' }),
    invite: z.boolean().default(false).openapi({ description: 'Email each created contact an invitation' }),
  })
  .strict()
  .openapi('ContactImport');
export type ImportInput = z.infer<typeof ImportBody>;

export const ImportRowSchema = z.object({
  line: z.number().int().openapi({ description: 'Where the row starts in the file (the header is line 1)' }),
  name: z.string(),
  email: z.string(),
  status: z.enum(['created', 'exists', 'refused']),
  reason: z.string().optional(),
  user_id: z.string().optional().openapi({ description: 'The contact created or found (not in a dry run for new ones)' }),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportReportSchema = z
  .object({
    dry_run: z.boolean(),
    rows: z.array(ImportRowSchema),
    created: z.number().int(),
    exists: z.number().int(),
    refused: z.number().int(),
  })
  .openapi('ContactImportReport');
export type ImportReport = z.infer<typeof ImportReportSchema>;
