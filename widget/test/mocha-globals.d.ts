// The globals Mocha gives the browser tests under @web/test-runner (no @types/mocha is installed).
interface MochaContext {
  timeout(ms: number): void;
  /** In a hook: the test it runs around, with its failure once it has failed. */
  currentTest?: { title: string; err?: Error & { actual?: unknown; expected?: unknown } };
}
declare function describe(title: string, body: (this: MochaContext) => void): void;
declare function it(title: string, body: (this: MochaContext) => void | Promise<unknown>): void;
declare function before(body: (this: MochaContext) => void | Promise<unknown>): void;
declare function after(body: (this: MochaContext) => void | Promise<unknown>): void;
declare function beforeEach(body: (this: MochaContext) => void | Promise<unknown>): void;
declare function afterEach(body: (this: MochaContext) => void | Promise<unknown>): void;
