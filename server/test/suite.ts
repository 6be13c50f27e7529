import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../config.js';
import { buildWorld, databases, startTestApp, type TestApp, type World } from './harness.js';

/** A test app and its World, for one suite. */
export interface Suite {
  t: TestApp;
  w: World;
}

/**
 * Starts an app (with `overrides` of its configuration) and builds the World before the
 * suite's tests, closes it after them (after the suite's own `afterAll`s).
 * @example describe.each(databases)('x on $name', (database) => { const env = useWorld(database); it(…, () => env.t.request(…)); });
 */
export function useWorld(database: (typeof databases)[number], overrides: Partial<Config> = {}): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.t = await startTestApp(database, overrides);
    suite.w = await buildWorld(suite.t);
  });
  afterAll(() => suite.t.close());
  return suite;
}
