/** The commercial resources as the widget reads them (camelCase, see `wire.ts`); shapes from the server's schemas in `server/commercial/`. */
export type FinancialKind = 'invoice' | 'quote' | 'order' | 'contract' | 'credit_note';
export type FinancialStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'paid' | 'partially_paid' | 'overdue' | 'void';

export interface FinancialDocument {
  id: string;
  customerId: string;
  kind: FinancialKind;
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  total: number;
  amountDue: number;
  status: FinancialStatus;
  documentId: string | null;
  visibility: 'portal' | 'internal';
  signoff: { decision: 'accepted' | 'declined'; reason: string | null; userId: string; decidedAt: string } | null;
}

export interface MoneyTotal {
  currency: string;
  amount: number;
  count?: number;
}

export interface FinancialSummary {
  outstanding: MoneyTotal[];
  overdue: MoneyTotal[];
  openQuotes: number;
}

export interface Deal {
  id: string;
  customerId: string;
  name: string;
  stage: string;
  stages: string[];
  status: 'open' | 'won' | 'lost';
  expectedCloseDate: string | null;
  value: number | null;
  currency: string;
  owner: { id: string; name: string } | null;
  nextSteps: string;
  visibility: 'portal' | 'internal';
  changedSinceLastVisit: boolean | null;
  updatedAt: string;
}

export interface DealUpdate {
  id: string;
  kind: 'stage' | 'expected_close_date' | 'next_steps' | 'status' | 'note';
  previous: string | null;
  current: string | null;
  body: string | null;
  visibility: 'portal' | 'internal';
  createdAt: string;
}

export interface Prospect {
  company: string;
  contactName: string;
  email: string;
  domain: string;
}

export type RegistrationStatus = 'submitted' | 'approved' | 'rejected' | 'appealed' | 'expired' | 'won' | 'lost';

export interface Registration {
  id: string;
  customerId: string;
  prospect: Prospect;
  estimatedValue: number;
  currency: string;
  description: string;
  expectedCloseDate: string | null;
  status: RegistrationStatus;
  protectionEndsAt: string | null;
  decisionReason: string | null;
  appealReason: string | null;
  appealedAt: string | null;
  outcomeValue: number | null;
  dealId: string | null;
  createdAt: string;
}

export interface Referral {
  id: string;
  prospect: Prospect;
  note: string;
  status: 'submitted' | 'in_pipeline' | 'won' | 'lost';
  createdAt: string;
}

export interface Commission {
  id: string;
  customerId: string;
  registrationId: string;
  company: string;
  dealValue: number;
  rate: number;
  amount: number;
  currency: string;
  status: 'pending' | 'earned' | 'paid';
  paidAt: string | null;
  createdAt: string;
}

export interface Tier {
  id: string;
  name: string;
  minWonValue: number;
  currency: string;
  commissionRate: number;
}

export interface PartnerSummary {
  tier: Tier | null;
  nextTier: Tier | null;
  wonValue: number;
  currency: string | null;
  progress: number;
  pipeline: { submitted: number; approved: number; won: number };
  earnings: { pending: MoneyTotal[]; earned: MoneyTotal[]; paid: MoneyTotal[] };
  projected: MoneyTotal[];
}
