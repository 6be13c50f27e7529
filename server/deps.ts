import { AccessCache } from './auth/access.js';
import { AccessInvalidator } from './auth/access-invalidator.js';
import { EmbedTokens } from './auth/embed-token.js';
import { SigningKeys } from './auth/signing-keys.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import { connect, type Storage } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createBlobStore } from './documents/blob-stores.js';
import { Previews } from './documents/preview.js';
import { EventBus } from './events/event-bus.js';
import { LiveHub } from './events/live-hub.js';
import { createMailer } from './email/mailer.js';
import { ReadCache } from './lib/read-cache.js';

/**
 * Connects, migrates and loads the signing keys: everything `createApp` needs.
 * @example const deps = await createDeps(loadConfig()); const app = createApp(deps);
 */
export async function createDeps(config: Config, storage: Storage = connect(config.databaseUrl, { synchronous: config.sqliteSynchronous })): Promise<Deps> {
  await migrateToLatest(storage.db);
  const keys = await SigningKeys.load(storage.db);
  const access = new AccessCache(storage.db);
  const bus = new EventBus();
  const invalidator = await AccessInvalidator.following(storage.db, access);
  const blobs = createBlobStore(config);
  return {
    config,
    storage,
    db: storage.db,
    keys,
    tokens: new EmbedTokens(keys, config.publicUrl),
    access,
    invalidator,
    bus,
    reads: new ReadCache(bus, storage.db),
    live: new LiveHub(storage, bus, invalidator),
    blobs,
    previews: new Previews(blobs),
    mailer: createMailer(config.smtpUrl, config.dataDir, config.mailFrom),
  };
}
