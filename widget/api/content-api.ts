/**
 * Pages and the FAQ: their types are the contract's schemas (`contract/schemas/page.schema.ts`,
 * `faq.schema.ts`), camelCased as `wire.ts` renames them (`Camel<…>`), type-only so zod never
 * reaches a bundle; and their calls, through the widget's client.
 */
import type { z } from '@hono/zod-openapi';
import type { Camel } from '../../contract/camel.js';
import type { CategorySchema, CreateFaqBody, FaqEntryView, FaqStats as FaqStatsView } from '../../contract/schemas/faq.schema.js';
import type { CreatePageBody, PageView } from '../../contract/schemas/page.schema.js';
import type { ApiClient } from './api-client.js';

/** A page of content (`/v1/pages`): for one customer, or (`customerId` null) every customer of `portalType`. */
export type ContentPage = Camel<PageView>;
/** What the Pages tab sends: any field of `POST /v1/pages` (a change sends the ones `PATCH` takes). */
export type PageInput = Partial<Camel<z.input<typeof CreatePageBody>>>;

/** An FAQ entry (`/v1/faq`); the counts are the team's only. */
export type FaqEntry = Camel<FaqEntryView>;
/** What the FAQ tab sends: any field of `POST /v1/faq`. */
export type FaqInput = Partial<Camel<z.input<typeof CreateFaqBody>>>;

/** A category and how many entries it holds (`GET /v1/faq/categories`). */
export type FaqCategory = Camel<z.infer<typeof CategorySchema>>;

export type FaqStats = Camel<FaqStatsView>;
export type FaqStatEntry = FaqStats['mostViewed'][number];

const path = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/**
 * Pages and the FAQ through the widget's client, kept out of the first bundle: only the views
 * and admin tabs that use them import it.
 * @example const pages = await contentApi(portal.api).pages();
 */
export const contentApi = (api: ApiClient) => ({
  pages: (query: { welcome?: boolean } = {}) => api.all<ContentPage>('/v1/pages', query),
  page: (id: string) => api.request<ContentPage>('GET', path('/v1/pages', id)),
  createPage: (input: PageInput) => api.request<ContentPage>('POST', '/v1/pages', { body: input }),
  updatePage: (id: string, patch: PageInput) => api.request<ContentPage>('PATCH', path('/v1/pages', id), { body: patch }),
  deletePage: (id: string) => api.request<void>('DELETE', path('/v1/pages', id)),
  /** An image of a page: the document's preview (a re-encoded raster), fetched with the token. */
  pageImage: async (documentId: string) => (await api.send('GET', `${path('/v1/documents', documentId)}/preview`)).blob(),

  faq: (query: { q?: string; category?: string } = {}, signal?: AbortSignal) => api.all<FaqEntry>('/v1/faq', query, undefined, signal),
  faqCategories: () => api.request<{ data: FaqCategory[] }>('GET', '/v1/faq/categories').then((r) => r.data),
  /** Opens an entry: a contact's opening counts a view. */
  openFaq: (id: string) => api.request<FaqEntry>('GET', path('/v1/faq', id)),
  createFaq: (input: FaqInput) => api.request<FaqEntry>('POST', '/v1/faq', { body: input }),
  updateFaq: (id: string, patch: FaqInput) => api.request<FaqEntry>('PATCH', path('/v1/faq', id), { body: patch }),
  deleteFaq: (id: string) => api.request<void>('DELETE', path('/v1/faq', id)),
  feedback: (id: string, helpful: boolean, comment?: string) => api.request<unknown>('POST', `${path('/v1/faq', id)}/feedback`, { body: { helpful, comment: comment || undefined } }),
  faqStats: () => api.request<FaqStats>('GET', '/v1/faq/stats'),
});
