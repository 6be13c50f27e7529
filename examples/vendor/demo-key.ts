import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The API key in `PORTAL_API_KEY`, else the demo tenant's, left by `npm start` (see server/seed/demo.ts) in DATA_DIR. */
export function readDemoKey(dataDir = process.env.DATA_DIR ?? 'data', key = process.env.PORTAL_API_KEY): string {
  if (key) return key;
  try {
    return (JSON.parse(readFileSync(resolve(dataDir, 'demo-credentials.json'), 'utf8')) as { apiKey: string }).apiKey;
  } catch {
    console.error(`No API key: run \`npm start\` first (it seeds the demo tenant and writes ${resolve(dataDir, 'demo-credentials.json')}), or set PORTAL_API_KEY.`);
    process.exit(1);
  }
}
