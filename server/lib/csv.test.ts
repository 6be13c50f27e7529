import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, csvCell, csvLine, parseCsv } from './csv.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes, delimiters and line breaks inside quotes', () => {
    expect(fields('name,email\r\n"Silva, Ana",ana@acme.test\r\n"Say ""hi""","multi\r\nline"\r\n')).toEqual([
      ['name', 'email'],
      ['Silva, Ana', 'ana@acme.test'],
      ['Say "hi"', 'multi\r\nline'],
    ]);
  });

  it('accepts LF and CR line ends, a missing final line end, empty fields and a BOM', () => {
    expect(fields('\ufeffa,b\nc,\n,d')).toEqual([['a', 'b'], ['c', ''], ['', 'd']]);
    expect(fields('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(fields('"",x\n""')).toEqual([['', 'x'], ['']]);
  });

  it('skips blank lines and numbers records by the line they start on', () => {
    const records = parseCsv('h1,h2\r\n\r\n"two\nlines",x\r\nlast,y\r\n\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it('detects semicolon files from the header and keeps stray quotes in unquoted fields as text', () => {
    expect(fields('name;email\nAna;ana@acme.test')).toEqual([['name', 'email'], ['Ana', 'ana@acme.test']]);
    expect(fields('a,5" disk\n')).toEqual([['a', '5" disk']]);
  });

  it('refuses an unterminated quote or text after a closing quote, saying where', () => {
    expect(() => parseCsv('a,b\n"open,x\n')).toThrow(new CsvError('a quoted field is never closed', 2));
    expect(() => parseCsv('a,b\n\n"x"y,z')).toThrow(/^line 3: text after a closing quote/);
  });

  it('reads back whatever csvLine writes', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', '\r', '\n', 'é', '=') });
    const record = fc.array(text, { minLength: 1, maxLength: 5 }).filter((r) => !(r.length === 1 && r[0] === ''));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (records) => {
        const safe = records.map((r) => r.map((cell) => cell.replace(/^[=+\-@\t\r]/, 'x')));
        const written = safe.map(csvLine).join('');
        expect(parseCsv(written, ',').map((r) => r.fields)).toEqual(safe);
      }),
    );
  });
});

describe('csvCell', () => {
  it('defuses spreadsheet formulas and quotes what needs it', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\t=x')).toBe("'\t=x");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });
});
