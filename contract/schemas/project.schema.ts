import { z } from '@hono/zod-openapi';
import { commaList, PageQuery, Role, Text, Timestamp, Visibility } from './common.schema.js';
import { PROJECT_STATUSES } from '../values.js';

export const ProjectStatus = z.enum(PROJECT_STATUSES);
export const ProjectAccess = z.enum(['all_contacts', 'members']);

export const ProjectSchema = z
  .object({
    id: z.string().openapi({ example: 'prj_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    name: z.string(),
    description: z.string().openapi({ description: 'Markdown' }),
    status: ProjectStatus,
    visibility: Visibility.openapi({ description: "`internal` hides the project and every task in it from the customer's contacts" }),
    access: ProjectAccess.openapi({ description: '`members`: only the contacts named in its members see it (and its tasks, comments, documents, events)' }),
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
    access: ProjectAccess.optional().openapi({ description: 'Default `all_contacts`' }),
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
    access: ProjectAccess.optional(),
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

export const ProjectMembersBody = z
  .object({ user_ids: z.array(z.string().max(64)).max(500).openapi({ description: "Contacts of the project's customer and staff users; replaces the members" }) })
  .strict()
  .openapi('ProjectMembersUpdate');
export type ProjectMembersInput = z.infer<typeof ProjectMembersBody>;

export const ProjectMembersSchema = z
  .object({
    user_ids: z.array(z.string()),
    members: z.array(z.object({ id: z.string(), name: z.string(), role: Role, customer_id: z.string().nullable() })),
  })
  .openapi('ProjectMembers');
export type ProjectMembersView = z.infer<typeof ProjectMembersSchema>;
