import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { SigningKeys } from './auth/signing-keys.js';
import { createTenant } from './tenants/tenant.repository.js';
import { backup } from './db/backup.js';
import { revokeTenantTokens } from './tenants/token-revocation.js';
import { startServer } from './serve.js';

const USAGE = `customer-portal <command>

  serve [--port 8787] [--host 127.0.0.1] [--seed-demo]
                        serve the API, the widget and the pages (--seed-demo: seed a demo tenant into an empty database)
  migrate               bring the database schema up to date
  tenant create --name NAME [--slug SLUG] [--json]
                        create a tenant and print its first API key
  keys rotate           add a new signing key; tokens signed by the old one keep working until they expire
  tokens revoke --tenant ID
                        emergency: refuse every embed token of the tenant issued until now and close its live streams
  backup FILE           write a consistent copy of the SQLite database to FILE while the server runs

Environment: DATABASE_URL, DATA_DIR, PORT, HOST, PUBLIC_URL, SMTP_URL, … (see README).`;

type Handler = (args: string[]) => Promise<void>;

function options<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T) {
  return parseArgs({ args, options: spec, allowPositionals: true, strict: true });
}

/** Opens the configured database, migrated, for a one-shot command. */
/** Opens the configured database, migrated unless the command is `migrate` itself (which says what it applied). */
async function openDatabase(migrate = true) {
  const config = loadConfig();
  const storage = connect(config.databaseUrl, { synchronous: config.sqliteSynchronous });
  if (migrate) await migrateToLatest(storage.db);
  return { config, storage };
}

const commands: Record<string, Handler> = {
  async serve(args) {
    const { values } = options(args, { port: { type: 'string' }, host: { type: 'string' }, 'seed-demo': { type: 'boolean' } });
    const config = loadConfig(process.env, {
      ...(values.port ? { port: Number(values.port) } : {}),
      ...(values.host ? { host: values.host } : {}),
    });
    const server = await startServer(config, undefined);
    if (values['seed-demo']) {
      const { seedDemo } = await import('./seed/demo.js');
      const demo = await seedDemo(server.deps);
      if (demo) console.log(`Seeded a demo tenant "${demo.tenantName}". Its API key (shown once): ${demo.apiKey}`);
    }
    console.log(`customer-portal is listening on ${server.url}`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },

  async migrate() {
    const { storage } = await openDatabase(false);
    const applied = await migrateToLatest(storage.db);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date');
    await storage.close();
  },

  async tenant(args) {
    const [sub, ...rest] = args;
    if (sub !== 'create') throw new UsageError(`unknown command "tenant ${sub ?? ''}"`);
    const { values } = options(rest, { name: { type: 'string' }, slug: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.name) throw new UsageError('tenant create needs --name NAME');
    const { storage } = await openDatabase();
    try {
      const created = await createTenant(storage.db, { name: values.name, slug: values.slug });
      if (values.json) console.log(JSON.stringify(created));
      else console.log(`Created tenant ${created.tenant.name} (${created.tenant.id}, slug ${created.tenant.slug}).\nAPI key (shown once): ${created.api_key}`);
    } finally {
      await storage.close();
    }
  },

  async keys(args) {
    if (args[0] !== 'rotate') throw new UsageError(`unknown command "keys ${args[0] ?? ''}"`);
    const { storage } = await openDatabase();
    const keys = await SigningKeys.load(storage.db);
    const kid = await keys.rotate();
    console.log(`New signing key ${kid}. Tokens signed by earlier keys keep verifying until they expire.`);
    await storage.close();
  },

  async tokens(args) {
    if (args[0] !== 'revoke') throw new UsageError(`unknown command "tokens ${args[0] ?? ''}"`);
    const { values } = options(args.slice(1), { tenant: { type: 'string' } });
    if (!values.tenant) throw new UsageError('tokens revoke needs --tenant ID');
    const { storage } = await openDatabase();
    try {
      const cutoff = await revokeTenantTokens(storage.db, values.tenant);
      console.log(`Every embed token of ${values.tenant} issued before ${cutoff} is refused; open live streams close within a second.`);
    } finally {
      await storage.close();
    }
  },

  async backup(args) {
    const file = args[0];
    if (!file) throw new UsageError('backup needs a FILE');
    const { storage } = await openDatabase();
    try {
      console.log(await backup(storage, file));
    } finally {
      await storage.close();
    }
  },
};

class UsageError extends Error {}

/** Runs one command line; exits non-zero with a one-line reason on failure. */
export async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  const handler = commands[command];
  try {
    if (!handler) throw new UsageError(`unknown command "${command}"`);
    await handler(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`customer-portal: ${message}`);
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(`\n${USAGE}`);
    process.exitCode = 1;
  }
}

await main(process.argv.slice(2));
