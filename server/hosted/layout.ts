import { PLAYER_ORIGINS } from '../../contract/page-media.js';
import type { Context } from 'hono';
import type { Tenant } from '../db/database.js';
import { readBranding, type Branding } from './branding.js';
import { html, type SafeHtml } from './html.js';

/** The tenant a page is branded for. */
export interface PageTenant {
  id: string;
  slug: string;
  name: string;
  branding: Branding;
}

export const pageTenant = (row: Tenant): PageTenant => ({ id: row.id, slug: row.slug, name: row.name, branding: readBranding(row.branding) });

/**
 * No inline script or style anywhere: the pages load their CSS, their theme and the widget
 * from this origin only, and may not be framed or post forms elsewhere. Images may also be
 * `blob:` (previews and page images the widget fetched with its token); the only frames are
 * the video players a page may embed (`contract/page-media.ts`).
 */
export const PAGE_CSP = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; frame-src ${PLAYER_ORIGINS.join(' ')}; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/** The public URL of a tenant's logo (served by the branding feature). */
export const logoUrl = (tenant: PageTenant) => `/branding/${encodeURIComponent(tenant.id)}/logo`;

/**
 * A whole page: the tenant's bar (logo and name), then `body`.
 * @example layout({ title: 'Sign in', tenant, body: html`<p>…</p>` })
 */
export function layout(options: { title: string; tenant: PageTenant | null; body: SafeHtml; actions?: SafeHtml; head?: SafeHtml }): string {
  const { tenant } = options;
  const head = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/hosted.css">
${tenant && html`<link rel="stylesheet" href="/p/${tenant.slug}/theme.css">`}
${options.head}
</head>
<body${tenant?.branding.preset ? html` data-preset="${tenant.branding.preset}"` : ''}>
<header class="bar">
  <div class="brand">${tenant?.branding.logoDocumentId && html`<img class="logo" src="${logoUrl(tenant)}" alt="">`}<span class="name">${tenant ? tenant.name : 'Customer portal'}</span></div>
  ${options.actions}
</header>
<main>
${options.body}
</main>
</body>
</html>
`;
  return head.text;
}

/**
 * Answers a rendered page with the headers every page carries: the CSP, no framing, no
 * caching (pages show who is signed in) and no Referer beyond this origin (a sign-in link's
 * token must not leak).
 */
export function sendPage(c: Context, status: 200 | 400 | 403 | 404 | 410 | 429 | 502, page: string, headers: Record<string, string> = {}): Response {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.html(page, status);
}
