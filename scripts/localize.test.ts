import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ESM script without types
import { localizers, missing } from './localize.mjs';

describe('translations', () => {
  const { widget, admin } = localizers();

  it('speak French completely, in the widget and on the admin page', () => {
    expect(missing(widget)).toEqual([]);
    expect(missing(admin)).toEqual([]);
  });

  it('keep each message in one place: the admin translations carry none of the widget', () => {
    const widgetIds = new Set(widget.extractSourceMessages().messages.map((m: { name: string }) => m.name));
    const adminXliff = readFileSync(new URL('../widget/admin/locales/xliff/fr.xlf', import.meta.url), 'utf8');
    const adminIds = [...adminXliff.matchAll(/<trans-unit id="([^"]+)"/g)].map((m) => m[1]);
    expect(adminIds.length).toBeGreaterThan(100);
    expect(adminIds.filter((id) => widgetIds.has(id))).toEqual([]);
  });
});
