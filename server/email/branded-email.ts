import { lookOf } from '../../contract/branding-presets.js';
import type { Tenant } from '../db/database.js';
import { wordsFor, type Words } from '../notifications/notification-words.js';

/** How a tenant's emails look and where their links lead, read from `tenants.branding` and `settings`. */
export interface Brand {
  tenantName: string;
  /** The From display name: the tenant's `email_from`, else its name. */
  fromName: string;
  primary: string;
  /** Text colour that reads on `primary`. */
  onPrimary: string;
  logoUrl: string | null;
  /** Where a task opens: the vendor's app (`settings.app_url` + `?cp_task=`) or the hosted portal page. */
  taskLink(taskId: string | null): string;
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

function parse(json: string): Record<string, any> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, any>) : {};
  } catch {
    return {};
  }
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
function readableOn(hex: string): string {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  // Contrast against black is (L + 0.05) / 0.05, against white 1.05 / (L + 0.05): take the larger.
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#111111' : '#ffffff';
}

function httpUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The tenant's brand for email. Every field of the branding JSON may be absent or malformed:
 * what is missing falls back to a neutral look, never to an error.
 * @example const brand = brandOf(tenant, config.publicUrl); brand.taskLink('tsk_…');
 */
export function brandOf(tenant: Pick<Tenant, 'id' | 'name' | 'slug' | 'branding' | 'settings'>, publicUrl: string): Brand {
  const branding = parse(tenant.branding);
  const settings = parse(tenant.settings);
  // The tenant's primary colour over its preset's, as the widget shows it (one palette).
  const color = branding.colors?.primary;
  const primary = typeof color === 'string' && HEX.test(color) ? color : lookOf({ preset: typeof branding.preset === 'string' ? branding.preset : undefined }).colors.primary;
  const appUrl = httpUrl(settings.app_url);
  const fromName = typeof settings.email_from === 'string' && settings.email_from.trim() ? settings.email_from.trim() : tenant.name;
  return {
    tenantName: tenant.name,
    fromName,
    primary,
    onPrimary: readableOn(primary),
    logoUrl: typeof branding.logo_document_id === 'string' && branding.logo_document_id ? `${publicUrl}/branding/${encodeURIComponent(tenant.id)}/logo` : null,
    taskLink(taskId) {
      if (appUrl) {
        const url = new URL(appUrl);
        if (taskId) url.searchParams.set('cp_task', taskId);
        return url.toString();
      }
      return `${publicUrl}/p/${encodeURIComponent(tenant.slug)}${taskId ? `?task=${encodeURIComponent(taskId)}` : ''}`;
    },
  };
}

/** One entry of a message: a heading line, an optional excerpt and a link. */
export interface EmailItem {
  title: string;
  body: string;
  link: string;
  linkLabel: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The language a message is written in: its tag, and how it sets a label before a colon. */
export type EmailLanguage = Pick<Words, 'lang' | 'colon'>;

/**
 * A message in the tenant's colours, with its logo when it has one: an HTML part with inline
 * styles only (what mail clients keep) and a plain-text part with the same content. The frame
 * speaks the content's language (`words`, English unless given): the HTML's `lang`, so a screen
 * reader reads it with the right voice, and the plain text's punctuation.
 * @example const { html, text } = renderBrandedEmail(brand, { intro: 'Voici…', items, footer, words: wordsFor('fr') });
 */
export function renderBrandedEmail(brand: Brand, content: { intro: string; items: EmailItem[]; footer: string; words?: EmailLanguage }): { html: string; text: string } {
  const words = content.words ?? wordsFor('en');
  const text = [
    brand.tenantName,
    '',
    content.intro,
    '',
    ...content.items.flatMap((item) => [`* ${item.title}`, ...(item.body ? [`  ${item.body}`] : []), `  ${words.colon(item.linkLabel, item.link)}`, '']),
    // The signature separator mail clients recognise (RFC 3676): two dashes and a space.
    '-- ',
    content.footer,
    '',
  ].join('\n');

  const header = brand.logoUrl
    ? `<img src="${escape(brand.logoUrl)}" alt="${escape(brand.tenantName)}" height="32" style="display:block;height:32px;max-width:200px;border:0">`
    : `<span style="font-size:18px;font-weight:600;color:${brand.onPrimary}">${escape(brand.tenantName)}</span>`;
  const items = content.items
    .map(
      (item) => `<tr><td style="padding:16px 0;border-bottom:1px solid #e5e7eb">
<div style="font-size:15px;font-weight:600;color:#111827">${escape(item.title)}</div>
${item.body ? `<div style="margin-top:6px;font-size:14px;color:#374151;white-space:pre-line">${escape(item.body)}</div>` : ''}
<div style="margin-top:10px"><a href="${escape(item.link)}" style="display:inline-block;padding:8px 14px;border-radius:6px;background:${brand.primary};color:${brand.onPrimary};font-size:14px;text-decoration:none">${escape(item.linkLabel)}</a></div>
</td></tr>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="${escape(words.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(brand.tenantName)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 0"><tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;width:100%;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="background:${brand.primary};padding:16px 24px">${header}</td></tr>
<tr><td style="padding:24px 24px 8px;font-size:15px;color:#111827">${escape(content.intro)}</td></tr>
<tr><td style="padding:0 24px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">${items}</table></td></tr>
<tr><td style="padding:16px 24px 24px;font-size:12px;color:#6b7280">${escape(content.footer)}</td></tr>
</table></td></tr></table></body></html>`;
  return { html, text };
}
