/**
 * The entries of a list typed one a line (or separated by commas), trimmed, blanks dropped.
 * @example lines('https://a.test\n, https://b.test') // ['https://a.test', 'https://b.test']
 */
export const lines = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);
