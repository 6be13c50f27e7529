/** Someone who may be mentioned: an id and the name written after `@`. */
export interface Mentionable {
  id: string;
  name: string;
}

// No `-`: outside a class it needs no escape, and under the `u` flag `\-` is a syntax error
// (a name such as Jean-Luc would make every comment of its customer fail).
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Code is quoted, not addressed: `@Ana` inside backticks or a fenced block mentions no one. */
const stripCode = (markdown: string) =>
  markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(^\1[^\n]*$|(?![\s\S]))/gm, ' ').replace(/(`+)[^`]*?\1/g, ' ');

/**
 * The ids of the people a markdown body mentions with `@Name`. Names may hold spaces: after
 * each `@` that starts a word, the longest matching name (case-insensitive) that ends at a word
 * boundary wins, so `@Ana Silva` is Ana Silva even when an "Ana" exists too. An `@` inside a
 * word (an email address) or in code mentions no one. People who share a name are all mentioned.
 * @example findMentions('Thanks @ana silva!', [{ id: 'usr_1', name: 'Ana Silva' }]) // ['usr_1']
 */
export function findMentions(markdown: string, people: readonly Mentionable[]): string[] {
  const byName = new Map<string, string[]>();
  for (const person of people) {
    const name = person.name.trim();
    if (!name) continue;
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), person.id]);
  }
  if (byName.size === 0) return [];
  // Longest first: an alternation takes the first alternative that matches.
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])@(${names.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');

  const found = new Set<string>();
  for (const match of stripCode(markdown).matchAll(pattern)) {
    const written = match[1]!.toLowerCase();
    // Case folding and toLowerCase differ for a few letters; the regex has the last word.
    const key = byName.has(written) ? written : [...byName.keys()].find((k) => new RegExp(`^${escapeRegExp(k)}$`, 'iu').test(match[1]!));
    for (const id of byName.get(key ?? '') ?? []) found.add(id);
  }
  return [...found];
}
