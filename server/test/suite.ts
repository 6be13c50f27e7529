import { afterAll, beforeAll } from 'vitest';
import { buildWorld, databases, startTestApp, type TestApp, type World } from './harness.js';

/** A test app and its World, for one suite. */
export interface Suite {
  t: TestApp;
  w: World;
}

/**
 * Starts an app and builds the World before the suite's tests, closes it after them.
 * @example describe.each(databases)('x on $name', (database) => { const env = useWorld(database); it(…, () => env.t.request(…)); });
 */
export function useWorld(database: (typeof databases)[number]): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.t = await startTestApp(database);
    suite.w = await buildWorld(suite.t);
  });
  afterAll(() => suite.t.close());
  return suite;
}
