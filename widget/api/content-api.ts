import type { ApiClient } from './api-client.js';
import type { PortalType, Visibility } from './api.types.js';

/** A page of content (`/v1/pages`): for one customer, or (`customerId` null) every customer of `portalType`. */
export interface ContentPage {
  id: string;
  customerId: string | null;
  portalType: PortalType;
  title: string;
  body: string;
  visibility: Visibility;
  pinned: boolean;
  welcome: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
export type PageInput = Partial<Pick<ContentPage, 'title' | 'body' | 'customerId' | 'portalType' | 'visibility' | 'pinned' | 'welcome'>>;

/** An FAQ entry (`/v1/faq`); the counts are the team's only. */
export interface FaqEntry {
  id: string;
  portalType: PortalType;
  category: string;
  question: string;
  answer: string;
  visibility: Visibility;
  views?: number;
  helpful?: number;
  unhelpful?: number;
  createdAt: string;
  updatedAt: string;
}
export type FaqInput = Partial<Pick<FaqEntry, 'question' | 'answer' | 'category' | 'portalType' | 'visibility'>>;

export interface FaqStatEntry {
  id: string;
  question: string;
  category: string;
  views: number;
  helpful: number;
  unhelpful: number;
  helpfulRate: number | null;
}
export interface FaqStats {
  totals: { entries: number; views: number; helpful: number; unhelpful: number };
  categories: { category: string; entries: number; views: number }[];
  mostViewed: FaqStatEntry[];
  leastHelpful: (FaqStatEntry & { comments: { helpful: boolean; comment: string; createdAt: string; user: { id: string; name: string } | null }[] })[];
}

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
  faqCategories: () => api.request<{ data: { category: string; entries: number }[] }>('GET', '/v1/faq/categories').then((r) => r.data),
  /** Opens an entry: a contact's opening counts a view. */
  openFaq: (id: string) => api.request<FaqEntry>('GET', path('/v1/faq', id)),
  createFaq: (input: FaqInput) => api.request<FaqEntry>('POST', '/v1/faq', { body: input }),
  updateFaq: (id: string, patch: FaqInput) => api.request<FaqEntry>('PATCH', path('/v1/faq', id), { body: patch }),
  deleteFaq: (id: string) => api.request<void>('DELETE', path('/v1/faq', id)),
  feedback: (id: string, helpful: boolean, comment?: string) => api.request<unknown>('POST', `${path('/v1/faq', id)}/feedback`, { body: { helpful, comment: comment || undefined } }),
  faqStats: () => api.request<FaqStats>('GET', '/v1/faq/stats'),
});
