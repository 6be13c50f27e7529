#!/usr/bin/env node
// The `customer-portal` command: runs the built server bundle (see scripts/build.mjs).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/server/main.js', import.meta.url);
if (!existsSync(bundle)) {
  console.error('customer-portal: the server is not built yet; run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
await import(bundle.href);
