import type { Kysely } from 'kysely';
import type { AccessCache } from './auth/access.js';
import type { AccessInvalidator } from './auth/access-invalidator.js';
import type { EmbedTokens } from './auth/embed-token.js';
import type { Principal } from './auth/principal.js';
import type { SigningKeys } from './auth/signing-keys.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Storage } from './db/connect.js';
import type { BlobStore } from './documents/blob-store.js';
import type { Previews } from './documents/preview.js';
import type { EventBus } from './events/event-bus.js';
import type { LiveHub } from './events/live-hub.js';
import type { Mailer } from './email/mailer.js';
import type { ReadCache } from './lib/read-cache.js';

/** What the app is built from: created once at start (see `deps.ts`) and injected into `createApp`. */
export interface Deps {
  readonly config: Config;
  readonly storage: Storage;
  readonly db: Kysely<Database>;
  readonly keys: SigningKeys;
  readonly tokens: EmbedTokens;
  readonly access: AccessCache;
  /** The one that makes `access` forget, following the event log. */
  readonly invalidator: AccessInvalidator;
  readonly bus: EventBus;
  readonly live: LiveHub;
  readonly blobs: BlobStore;
  readonly previews: Previews;
  readonly mailer: Mailer;
  readonly reads: ReadCache;
}

/** The Hono environment of every route: the principal is set by `authenticate`. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    principal: Principal;
    /** Set by an upload route: what its Idempotency-Key is compared by. */
    fingerprint: string | undefined;
    /** The browser session the caller's embed token was exchanged from, if any. */
    sessionId: string | undefined;
  };
}

/**
 * Runs `work` in one transaction and wakes the event readers once it has committed.
 * Every write that appends to the event log goes through here. On SQLite, writes arriving
 * together share one COMMIT, each in its own savepoint (`db/group-commit.ts`).
 * @example const task = await transact(deps, (trx) => createTask(trx, principal, input));
 */
export async function transact<T>(deps: Deps, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const result = await deps.storage.transaction(work);
  deps.bus.wake();
  return result;
}
