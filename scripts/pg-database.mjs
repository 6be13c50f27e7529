#!/usr/bin/env node
// Creates or drops a PostgreSQL database on the local server (CI gives each run a fresh one).
// Usage: node scripts/pg-database.mjs create|drop NAME   (server: PG_ADMIN_URL, default the local trust-auth one)
import pg from 'pg';

const [action, name] = process.argv.slice(2);
if (!['create', 'drop'].includes(action) || !/^[a-z_][a-z0-9_]*$/.test(name ?? '')) {
  console.error('usage: pg-database.mjs create|drop NAME');
  process.exit(2);
}
const client = new pg.Client({ connectionString: process.env.PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/test' });
try {
  await client.connect();
  await client.query(action === 'create' ? `create database ${name}` : `drop database if exists ${name} with (force)`);
  console.log(`${action === 'create' ? 'created' : 'dropped'} database ${name}`);
} catch (error) {
  console.error(`pg-database: ${error.message}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
}
