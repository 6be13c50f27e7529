/** One record of a CSV file and the line it starts on (1-based, the header being line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A file that is not CSV: says where. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

export type Delimiter = ',' | ';';

/**
 * The delimiter a file uses: a comma, unless its first line has semicolons and no comma
 * (spreadsheets in many locales export that way).
 */
export function detectDelimiter(text: string): Delimiter {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/**
 * Parses CSV as RFC 4180 describes it: fields separated by the delimiter, records by CRLF
 * (or LF, or CR), fields in double quotes may hold delimiters, line breaks and `""` for a
 * quote. A leading byte-order mark is dropped, blank lines are skipped, and a quote inside an
 * unquoted field is kept as text. Throws `CsvError` for an unterminated quoted field or text
 * after a closing quote.
 * @example parseCsv('name,email\r\n"Silva, Ana",ana@acme.test\r\n')
 *   // [{ line: 1, fields: ['name', 'email'] }, { line: 2, fields: ['Silva, Ana', 'ana@acme.test'] }]
 */
export function parseCsv(input: string, delimiter: Delimiter = detectDelimiter(input)): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let closedQuote = false;
  let fieldStart = true;
  let quoteLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
    closedQuote = false;
    fieldStart = true;
  };
  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && !closedQuote;
    endField();
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          closedQuote = true;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (closedQuote) {
      throw new CsvError('text after a closing quote (a quote inside a field is written "")', line);
    } else if (ch === '"' && fieldStart) {
      quoted = true;
      quoteLine = line;
      fieldStart = false;
    } else {
      field += ch;
      fieldStart = false;
    }
  }
  if (quoted) throw new CsvError('a quoted field is never closed', quoteLine);
  if (fields.length > 0 || field !== '' || closedQuote) endRecord();
  return records;
}

const NEEDS_QUOTES = /[",;\r\n]/;
/** Cells a spreadsheet would run as a formula (OWASP's list: = + - @, tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell for a CSV export: quoted when it must be, and defused when a spreadsheet would
 * otherwise take it for a formula (a leading `'` makes it text).
 * @example csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record with its CRLF, as RFC 4180 ends lines. */
export const csvLine = (values: readonly (string | number | null | undefined)[]): string => `${values.map(csvCell).join(',')}\r\n`;
