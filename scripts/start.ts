// `npm start`: the whole demo on one machine. Builds what is stale (scripts/build.mjs runs
// first), migrates, seeds the demo tenant into an empty database, serves the API, the widget
// bundle and the pages on one port, serves the example vendor page on another origin, and
// prints what to open.
import { loadConfig } from '../server/config.js';
import { readDemoCredentials, seedDemo } from '../server/seed/demo.js';
import { startServer } from '../server/serve.js';
import { startExampleVendor } from '../examples/vendor/server.js';

const config = loadConfig();
const server = await startServer(config);
const seeded = await seedDemo(server.deps);
const demo = seeded ?? (await readDemoCredentials(server.deps));
const api = config.publicUrl;

let vendorUrl: string | null = null;
let closeVendor = async () => {};
if (demo && config.examplePort > 0) {
  const vendor = await startExampleVendor({ port: config.examplePort, host: config.host, apiBase: api, apiKey: demo.apiKey });
  vendorUrl = vendor.url.replace('127.0.0.1', 'localhost');
  closeVendor = vendor.close;
}

const lines = [
  '',
  `customer-portal is running (${config.databaseUrl.startsWith('postgres') ? 'PostgreSQL' : config.databaseUrl}).`,
  '',
  ...(vendorUrl ? [`  Example vendor app (embeds the widget, another origin):  ${vendorUrl}/`] : []),
  ...(demo ? [`  Hosted portal for the demo tenant's customers:           ${api}/p/${demo.slug}`] : []),
  `  Admin page for CSMs:                                     ${api}/admin`,
  `  Widget bundle:                                           ${api}/customer-portal.js`,
  `  API (OpenAPI document):                                  ${api}/v1/openapi.json`,
  '',
  ...(seeded ? [`  Seeded the demo tenant "${seeded.tenantName}" (slug ${seeded.slug}). Its API key, shown once: ${seeded.apiKey}`] : []),
  ...(demo
    ? [
        `  Sign in to the admin page as the demo CSM: tenant "${demo.slug}", email sam@northwind.test.`,
        ...(demo.mfaDemo ? [`  Two-step sign-in: ${demo.mfaDemo.email} is asked for a code; add the key ${demo.mfaDemo.secret} to an authenticator app.`] : []),
        `  Access requests: ${api}/p/${demo.slug}/request-access (two already wait on the admin page's Portal access tab).`,
        `  Without SMTP_URL, emails are written to ${config.dataDir}/outbox/ and their links printed below.`,
      ]
    : []),
  '',
];
console.log(lines.join('\n'));

const stop = async () => {
  await closeVendor();
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
