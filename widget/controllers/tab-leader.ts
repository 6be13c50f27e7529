/**
 * A hidden tab leads this long before it leaves the lead to a visible one (browsers throttle,
 * then freeze, background tabs); a tab hidden longer stops asking for it until it is shown.
 */
export const HIDDEN_LEAD_MS = 60_000;

/**
 * Runs `lead` in one tab of the browser at a time: the tab holding the Web Lock `name`. The
 * others wait their turn; a tab that closes (or stays hidden for `HIDDEN_LEAD_MS`) ends its
 * `lead` (its signal aborts) and the next tab's starts. Returns when `signal` aborts.
 * @example await leadWhileActive('cp-live:…', signal, (lead) => readTheStream(lead));
 */
export async function leadWhileActive(name: string, signal: AbortSignal, lead: (signal: AbortSignal) => Promise<void>): Promise<void> {
  // A widget that opens in a background tab counts as hidden from now.
  let hiddenAt = Date.now();
  let turn: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown: (() => void) | null = null;
  const follow = () => {
    clearTimeout(timer);
    if (!document.hidden) return void shown?.();
    hiddenAt = Date.now();
    timer = setTimeout(() => turn?.abort(), HIDDEN_LEAD_MS);
  };
  document.addEventListener('visibilitychange', follow);
  signal.addEventListener('abort', () => (turn?.abort(), shown?.()), { once: true });
  try {
    while (!signal.aborted) {
      if (document.hidden && Date.now() - hiddenAt >= HIDDEN_LEAD_MS) {
        await new Promise<void>((resolve) => (shown = resolve));
        shown = null;
        continue;
      }
      const mine = (turn = new AbortController());
      clearTimeout(timer);
      if (document.hidden) timer = setTimeout(() => mine.abort(), HIDDEN_LEAD_MS - (Date.now() - hiddenAt));
      // Aborting withdraws a request still waiting, or ends the lead (which releases the lock).
      await navigator.locks.request(name, { signal: mine.signal }, () => (mine.signal.aborted ? undefined : lead(mine.signal))).catch(() => {});
      // A lead that ended by itself (not asked to) must not spin: the next turn waits a little.
      if (!mine.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1_000));
      mine.abort();
    }
  } finally {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', follow);
  }
}
