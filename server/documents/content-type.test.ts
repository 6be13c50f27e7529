import { describe, expect, it } from 'vitest';
import { contentDisposition, servedContentType } from './content-type.js';

describe('content headers', () => {
  it('builds a Content-Disposition no browser misreads', () => {
    expect(contentDisposition('attachment', 'Résumé "final".pdf')).toBe(
      `attachment; filename="Resume _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
    expect(contentDisposition('inline', 'a\\b\r\n.png')).toBe(`inline; filename="a_b__.png"; filename*=UTF-8''a%5Cb%0D%0A.png`);
    expect(contentDisposition('attachment', '日本.txt')).toBe(`attachment; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`);
  });

  it('never serves a type a browser would run', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'application/xml', 'text/xml', 'text/javascript']) {
      expect(servedContentType(type)).toBe('application/octet-stream');
    }
    expect(servedContentType('image/png')).toBe('image/png');
    expect(servedContentType('text/csv')).toBe('text/csv; charset=utf-8');
  });
});
