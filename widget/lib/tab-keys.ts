/**
 * The tab a key moves to in a tab list, as the ARIA tabs pattern has it: arrows to the next or
 * previous (wrapping), Home and End to the first and last; null for any other key.
 * @example const view = tabKeyTarget(event.key, VIEWS, current); if (view) { event.preventDefault(); … }
 */
export function tabKeyTarget<T>(key: string, tabs: readonly T[], current: T): T | null {
  const index = tabs.indexOf(current);
  const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
  return key in moves ? tabs[(moves[key]! + tabs.length) % tabs.length]! : null;
}
