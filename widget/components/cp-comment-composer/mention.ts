import type { Person } from '../../api/api.types.js';
import { fold } from '../../store/task-filters.js';
import { byName } from '../../store/selectors.js';

/** The `@partial name` being typed just before the caret, if any. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[\s(])@([^\s@]{0,30}(?: [^\s@]{0,30})?)$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[1]!.length - 1, query: match[1]! } : null;
}

/** People whose name, or a word of it, starts with what was typed; at most `limit`. */
export function mentionCandidates(people: Iterable<Person>, query: string, limit = 6): Person[] {
  const q = fold(query);
  return [...people]
    .filter((p) => {
      const name = fold(p.name);
      return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
    })
    .sort(byName)
    .slice(0, limit);
}
