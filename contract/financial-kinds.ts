/**
 * The kinds of financial document, in the order the billing view offers them; the financial
 * document schema's `z.enum` is built from them. A module of its own rather than `values.ts`,
 * which the first bundle carries: only the lazily loaded billing view imports it. Imports nothing.
 */
export const FINANCIAL_KINDS = ['invoice', 'quote', 'order', 'contract', 'credit_note'] as const;
