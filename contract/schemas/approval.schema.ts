import { z } from '@hono/zod-openapi';
import { CalendarDate, NullableTimestamp, PageQuery, Text, Timestamp } from './common.schema.js';

const Id = z.string().max(64);
export const APPROVAL_MODES = ['all', 'any', 'sequence'] as const;
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'changes_requested', 'canceled'] as const;
export const DECISIONS = ['approved', 'rejected', 'changes_requested'] as const;

const Subject = z.object({ type: z.enum(['task', 'document']), id: Id }).strict();

export const ApprovalStep = z.object({
  approver_id: z.string(),
  approver: z.object({ id: z.string(), name: z.string(), role: z.enum(['staff', 'contact']) }).nullable(),
  decision: z.enum(DECISIONS).nullable(),
  comment: z.string().nullable(),
  decided_at: NullableTimestamp,
});

export const ApprovalSchema = z
  .object({
    id: z.string().openapi({ example: 'apr_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    subject: z.object({ type: z.enum(['task', 'document']), id: z.string(), title: z.string() }),
    task_id: z.string().nullable().openapi({ description: 'The task of the subject (a document\'s task, if any)' }),
    document_version: z.number().int().nullable(),
    document_sha256: z.string().nullable(),
    status: z.enum(APPROVAL_STATUSES),
    mode: z.enum(APPROVAL_MODES),
    steps: z.array(ApprovalStep).openapi({ description: 'One per approver, in order (the order of `sequence`)' }),
    next_approver_id: z.string().nullable().openapi({ description: 'With `sequence`, whose turn it is; null once closed' }),
    due_date: z.string().nullable(),
    message: z.string().nullable(),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    completed_at: NullableTimestamp,
  })
  .openapi('Approval');
export type ApprovalView = z.infer<typeof ApprovalSchema>;

export const CreateApprovalBody = z
  .object({
    subject: Subject,
    approver_ids: z.array(Id).min(1).max(20),
    mode: z.enum(APPROVAL_MODES),
    due_date: CalendarDate.nullable().optional(),
    message: Text(5_000).nullable().optional(),
  })
  .strict()
  .openapi('CreateApproval');
export type CreateApprovalInput = z.infer<typeof CreateApprovalBody>;

export const ApprovalFilters = PageQuery.extend({
  subject_id: Id.optional(),
  status: z.enum(APPROVAL_STATUSES).optional(),
  approver_id: Id.optional().openapi({ description: '`me` for the caller; with `status=pending`, approvals waiting for the caller\'s decision (its turn)' }),
  customer_id: Id.optional(),
});
export type ApprovalFilterInput = z.infer<typeof ApprovalFilters>;

export const DecisionBody = z
  .object({ decision: z.enum(DECISIONS), comment: Text(5_000).nullable().optional() })
  .strict()
  .openapi('ApprovalDecision');
export type DecisionInput = z.infer<typeof DecisionBody>;

export const SignOffRecord = z
  .object({
    approval_id: z.string(),
    subject: z.object({ type: z.enum(['task', 'document']), id: z.string(), title: z.string() }),
    document_version: z.number().int().nullable(),
    document_sha256: z.string().nullable(),
    status: z.enum(APPROVAL_STATUSES),
    decisions: z.array(
      z.object({
        user_id: z.string(),
        name: z.string(),
        decision: z.enum(DECISIONS),
        comment: z.string().nullable(),
        decided_at: Timestamp,
        ip: z.string().nullable(),
        user_agent: z.string().nullable(),
        document_version: z.number().int().nullable(),
        document_sha256: z.string().nullable(),
      }),
    ),
  })
  .openapi('SignOffRecord');
export type SignOffRecordView = z.infer<typeof SignOffRecord>;
