import { z } from '@hono/zod-openapi';
import { PageQuery, Text, Timestamp, Visibility } from '../lib/schemas.js';
import { commaList } from '../tasks/task.schema.js';

export const ProjectStatus = z.enum(['active', 'on_hold', 'completed', 'archived']);

export const ProjectSchema = z
  .object({
    id: z.string().openapi({ example: 'prj_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    name: z.string(),
    description: z.string().openapi({ description: 'Markdown' }),
    status: ProjectStatus,
    visibility: Visibility.openapi({ description: "`internal` hides the project and every task in it from the customer's contacts" }),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Project');
export type ProjectView = z.infer<typeof ProjectSchema>;

const Description = z.string().max(50_000);

export const CreateProjectBody = z
  .object({
    customer_id: z.string().max(64),
    name: Text(200),
    description: Description.optional(),
    status: ProjectStatus.optional().openapi({ description: 'Default `active`' }),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`' }),
  })
  .strict()
  .openapi('CreateProject');
export type CreateProjectInput = z.infer<typeof CreateProjectBody>;

export const UpdateProjectBody = z
  .object({
    name: Text(200).optional(),
    description: Description.optional(),
    status: ProjectStatus.optional(),
    visibility: Visibility.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateProject');
export type UpdateProjectInput = z.infer<typeof UpdateProjectBody>;

export const ListProjectsQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  status: commaList(ProjectStatus).optional().openapi({ type: 'string', example: 'active,on_hold' }),
  visibility: Visibility.optional().openapi({ description: 'API keys and staff only' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Keywords, all of which appear in the name or description' }),
});
export type ProjectFilters = z.infer<typeof ListProjectsQuery>;
