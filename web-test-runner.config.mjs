import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { portalServer } from './widget/test/portal-server.plugin.mjs';
import { tusShimsForTests } from './scripts/tus-shims.mjs';

const service = portalServer();

/**
 * `executeServerCommand('front')` brings the test's page to the front. Two files run at once, in
 * two tabs, and only the front one renders: a media query change (`emulateMedia`) reaches the
 * page's listeners only there.
 */
const front = {
  name: 'front',
  async executeCommand({ command, session }) {
    if (command !== 'front') return undefined;
    await session.browser.getPage(session.id).bringToFront();
    return true;
  },
};

/** Browser tests in real Chromium against the real service (see widget/test/portal-server.plugin.mjs). */
export default {
  files: 'widget/**/*.test.ts',
  // `browser`: packages' browser builds, as the bundle has them (tus-js-client's).
  nodeResolve: { exportConditions: ['production'], browser: true },
  // One file at a time: on two cores, two files of live and embed tests at once (each with its
  // own widgets, streams and the service they share) ran past their waits now and then.
  concurrency: 1,
  reporters: [defaultReporter(), countReporter()],
  plugins: [tusShimsForTests(), esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2021' }), service.plugin, front],
  middleware: [service.middleware],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  testFramework: { config: { timeout: 30000 } },
};
