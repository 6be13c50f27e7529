import { describe, expect, it } from 'vitest';
import { wordsFor } from '../notifications/notification-words.js';
import { brandOf, renderBrandedEmail } from './branded-email.js';

const NBSP = '\u00a0';
const tenant = { id: 'ten_1', name: 'Northwind', slug: 'northwind', branding: '{}', settings: '{}' };
const brand = brandOf(tenant, 'https://portal.example.com');

/** One message with one item, its frame in `locale`'s words. */
function message(locale: string) {
  const words = wordsFor(locale);
  return renderBrandedEmail(brand, {
    intro: words.email.intro(1),
    items: [{ title: 'Sign the order form', body: '', link: brand.taskLink('tsk_1'), linkLabel: words.email.openTask }],
    footer: words.email.footer(tenant.name),
    words,
  });
}

describe('branded email', () => {
  it("frames a French message in French: the HTML's lang, and the plain text's colon", () => {
    const { html, text } = message('fr-FR');
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(text).toContain(`  Ouvrir la tâche${NBSP}: https://portal.example.com/p/northwind?task=tsk_1\n`);
    expect(text).not.toMatch(/\S: https?:/);
  });

  it('frames an English message in English, and without words says English', () => {
    const { html, text } = message('en');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(text).toContain('  Open the task: https://portal.example.com/p/northwind?task=tsk_1\n');
    const plain = renderBrandedEmail(brand, { intro: 'Hello', items: [], footer: 'Bye' });
    expect(plain.html).toContain('<html lang="en">');
  });

  it('sets the footer apart with the signature separator mail clients recognise', () => {
    const { text } = message('fr');
    expect(text).toContain(`\n-- \nVous recevez ces e-mails de Northwind.`);
  });
});
