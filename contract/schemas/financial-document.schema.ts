import { z } from '@hono/zod-openapi';
import { FINANCIAL_KINDS } from '../financial-kinds.js';
import { CalendarDate, PageQuery, Text, Timestamp, Visibility } from './common.schema.js';
import { Currency, MinorUnits } from './money.schema.js';

export const FinancialKind = z.enum(FINANCIAL_KINDS);
export const FinancialStatus = z.enum(['draft', 'sent', 'accepted', 'declined', 'paid', 'partially_paid', 'overdue', 'void']);

const Line = z
  .object({
    description: Text(500),
    quantity: z.number().int('a whole number of units').positive().max(1_000_000_000),
    unit_amount: MinorUnits,
  })
  .strict();

export const SignoffSchema = z
  .object({
    decision: z.enum(['accepted', 'declined']),
    reason: z.string().nullable(),
    user_id: z.string(),
    decided_at: Timestamp,
  })
  .openapi('FinancialSignoff');

export const FinancialDocumentSchema = z
  .object({
    id: z.string().openapi({ example: 'fin_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    external_id: z.string().nullable(),
    kind: FinancialKind,
    number: z.string(),
    issue_date: z.string().openapi({ format: 'date' }),
    due_date: z.string().nullable().openapi({ format: 'date' }),
    currency: z.string(),
    total: z.number().int(),
    amount_due: z.number().int().openapi({ description: 'What is still to pay, in minor units: 0 once paid, void or not an invoice' }),
    lines: z.array(z.object({ description: z.string(), quantity: z.number().int(), unit_amount: z.number().int() })),
    status: FinancialStatus,
    document_id: z.string().nullable().openapi({ description: 'The PDF: `GET /v1/financial-documents/{id}/pdf`' }),
    visibility: Visibility,
    signoff: SignoffSchema.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('FinancialDocument');
export type FinancialDocumentView = z.infer<typeof FinancialDocumentSchema>;

const fields = {
  kind: FinancialKind,
  number: Text(100),
  issue_date: CalendarDate,
  due_date: CalendarDate.nullable(),
  currency: Currency,
  total: MinorUnits,
  amount_due: MinorUnits,
  lines: z.array(Line).max(500),
  status: FinancialStatus,
  document_id: z.string().max(64).nullable(),
  visibility: Visibility,
};

export const CreateFinancialDocumentBody = z
  .object({
    customer_id: z.string().max(64),
    external_id: z.string().trim().min(1).max(200).optional().openapi({ description: 'Your id: a second POST with it updates the same document' }),
    ...fields,
    due_date: fields.due_date.optional(),
    amount_due: fields.amount_due.optional().openapi({ description: 'Default: the total for an unpaid invoice, else 0' }),
    lines: fields.lines.optional(),
    status: fields.status.optional().openapi({ description: 'Default `draft`: drafts never reach a contact' }),
    document_id: fields.document_id.optional(),
    visibility: fields.visibility.optional(),
  })
  .strict()
  .openapi('CreateFinancialDocument');
export type CreateFinancialDocumentInput = z.infer<typeof CreateFinancialDocumentBody>;

export const UpdateFinancialDocumentBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .openapi('UpdateFinancialDocument');
export type UpdateFinancialDocumentInput = z.infer<typeof UpdateFinancialDocumentBody>;

export const DeclineBody = z.object({ reason: Text(2000) }).strict().openapi('DeclineQuote');

export const ListFinancialDocumentsQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  kind: FinancialKind.optional(),
  status: FinancialStatus.optional(),
  external_id: z.string().max(200).optional(),
});
export type FinancialFilters = z.infer<typeof ListFinancialDocumentsQuery>;

const Totals = z.array(z.object({ currency: z.string(), amount: z.number().int(), count: z.number().int() }));
export const FinancialSummarySchema = z
  .object({
    outstanding: Totals.openapi({ description: 'Unpaid invoices (sent, partially paid, overdue): what is due, per currency' }),
    overdue: Totals.openapi({ description: 'Of those, the ones past their due date' }),
    open_quotes: z.number().int().openapi({ description: 'Quotes sent and awaiting an answer' }),
  })
  .openapi('FinancialSummary');

export const SignoffRecordSchema = z
  .object({
    financial_document_id: z.string(),
    decision: z.enum(['accepted', 'declined']),
    reason: z.string().nullable(),
    user_id: z.string(),
    user_name: z.string().nullable(),
    ip: z.string(),
    user_agent: z.string(),
    total: z.number().int(),
    currency: z.string(),
    sha256: z.string().nullable().openapi({ description: 'SHA-256 of the PDF decided on, when one was attached' }),
    decided_at: Timestamp,
  })
  .openapi('FinancialSignoffRecord');
