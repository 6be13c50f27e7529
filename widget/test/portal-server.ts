// Run by the browser tests' WTR plugin (`node --import tsx widget/test/portal-server.ts`): starts
// the real service, prints `{"url", "apiKey"}` on one line, and stops when its stdin closes.
import { startRealServer } from '../../server/test/real-server.js';

// Webhooks may target this machine: the admin page's tests register endpoints on a closed local port.
const real = await startRealServer({ config: { webhookAllowPrivate: true } });
console.log(JSON.stringify({ url: real.url, apiKey: real.apiKey }));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await real.close();
  process.exit(0);
};
process.stdin.on('end', stop).on('close', stop).resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
