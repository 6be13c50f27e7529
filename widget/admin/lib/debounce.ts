/**
 * `run` once, `ms` after the last of a burst of calls (keystrokes, live messages).
 * @example const refresh = debounce(() => list.run(true), 800); refresh(); refresh(); // one run
 */
export function debounce(run: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
}
