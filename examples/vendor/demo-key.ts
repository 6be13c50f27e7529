import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The demo tenant's API key, left by `npm start` (see server/seed/demo.ts) in DATA_DIR. */
export function readDemoKey(dataDir = process.env.DATA_DIR ?? 'data'): string {
  try {
    return (JSON.parse(readFileSync(resolve(dataDir, 'demo-credentials.json'), 'utf8')) as { apiKey: string }).apiKey;
  } catch {
    console.error('No demo tenant yet: run `npm start` first (it seeds one and writes data/demo-credentials.json).');
    process.exit(1);
  }
}
