/**
 * What a person has already been shown once (the first-visit tour, the welcome page), kept in
 * the browser's storage under a key per user.
 * @example if (!seen.done(`cp-tour:${userId}`)) openTour();
 */
export const seen = {
  done(key: string): boolean {
    try {
      return localStorage.getItem(key) === 'done';
    } catch {
      return true; // no storage (a sandboxed frame): never nag on every visit
    }
  },
  finish(key: string): void {
    try {
      localStorage.setItem(key, 'done');
    } catch {
      // nothing to remember it in
    }
  },
};
