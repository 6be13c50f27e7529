import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { portalServer } from './widget/test/portal-server.plugin.mjs';

const service = portalServer();

/** Browser tests in real Chromium against the real service (see widget/test/portal-server.plugin.mjs). */
export default {
  files: 'widget/**/*.test.ts',
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  reporters: [defaultReporter(), countReporter()],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2021' }), service.plugin],
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
