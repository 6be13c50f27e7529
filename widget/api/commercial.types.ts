/**
 * The commercial resources as the widget reads them: the contract's schemas
 * (`contract/schemas/`), camelCased as `wire.ts` renames them (`Camel<…>`). Type-only: zod never
 * reaches a bundle.
 */
import type { z } from '@hono/zod-openapi';
import type { Camel, Optional } from '../../contract/camel.js';
import type { CommissionView, PartnerStatsSchema } from '../../contract/schemas/commission.schema.js';
import type { DealUpdateView, DealView } from '../../contract/schemas/deal.schema.js';
import type { FinancialDocumentView, FinancialSummarySchema } from '../../contract/schemas/financial-document.schema.js';
import type { ProspectSchema } from '../../contract/schemas/prospect.schema.js';
import type { ReferralView } from '../../contract/schemas/referral.schema.js';
import type { RegistrationView } from '../../contract/schemas/registration.schema.js';
import type { PartnerSummarySchema, TierView } from '../../contract/schemas/tier.schema.js';
import type { WorkspaceView } from '../../contract/schemas/workspace.schema.js';

/** The kinds in the order the billing view offers them. */
export { FINANCIAL_KINDS } from '../../contract/financial-kinds.js';

export type FinancialDocument = Camel<FinancialDocumentView>;
export type FinancialKind = FinancialDocument['kind'];
export type FinancialStatus = FinancialDocument['status'];

export type FinancialSummary = Camel<z.infer<typeof FinancialSummarySchema>>;

/** An amount per currency: the financial summary's totals count their documents, the partner summary's do not. */
export type MoneyTotal = Optional<FinancialSummary['outstanding'][number], 'count'>;

export type Deal = Camel<DealView>;
export type DealUpdate = Camel<DealUpdateView>;

export type Prospect = Camel<z.infer<typeof ProspectSchema>>;

export type Registration = Camel<RegistrationView>;
export type RegistrationStatus = Registration['status'];

export type Referral = Camel<ReferralView>;

export type Commission = Camel<CommissionView>;

/** The partner statistics of the channel team (`GET /v1/partner-stats`): registrations by status. */
export type PartnerStats = Camel<z.infer<typeof PartnerStatsSchema>>;

export type Tier = Camel<TierView>;

export type PartnerSummary = Camel<z.infer<typeof PartnerSummarySchema>>;

/** A registration's co-selling workspace: its deal, its notes thread, what the caller may see of its tasks and files. */
export type Workspace = Camel<WorkspaceView>;
