import { z } from '@hono/zod-openapi';
import { PageQuery, Text, Timestamp, Visibility } from './common.schema.js';

export const FolderSchema = z
  .object({
    id: z.string().openapi({ example: 'fld_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    parent_id: z.string().nullable().openapi({ description: 'Null at the top level' }),
    name: z.string(),
    visibility: Visibility.openapi({ description: '`internal` hides the folder and everything inside it from contacts' }),
    document_count: z.number().int().openapi({ description: 'Documents filed directly in it that the caller may see' }),
    folder_count: z.number().int().openapi({ description: 'Folders directly inside it that the caller may see' }),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Folder');
export type FolderView = z.infer<typeof FolderSchema>;

export const CreateFolderBody = z
  .object({
    customer_id: z.string().max(64).optional().openapi({ description: 'Required for API keys and staff without `parent_id`; a contact\'s folders are its own customer\'s' }),
    parent_id: z.string().max(64).nullable().optional(),
    name: Text(255),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`; a contact may not set `internal`' }),
  })
  .strict()
  .openapi('CreateFolder');
export type CreateFolderInput = z.infer<typeof CreateFolderBody>;

export const UpdateFolderBody = z
  .object({
    name: Text(255).optional(),
    parent_id: z.string().max(64).nullable().optional().openapi({ description: 'Move it into another folder of the same customer, or (null) to the top level' }),
    visibility: Visibility.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateFolder');
export type UpdateFolderInput = z.infer<typeof UpdateFolderBody>;

export const ListFoldersQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  parent_id: z.string().max(64).optional().openapi({ description: 'Folders directly inside this one; `root` for the top level; absent for every folder' }),
});
export type FolderFilters = z.infer<typeof ListFoldersQuery>;
