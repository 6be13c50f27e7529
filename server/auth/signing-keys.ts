import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { randomToken } from '../lib/ids.js';

/** The one algorithm the service signs with and the only one it accepts. */
export const TOKEN_ALG = 'ES256';
/** The longest an embed token lives; a retired key keeps verifying this long. */
export const MAX_TOKEN_TTL_SECONDS = 3600;
/** The advisory lock class of key creation on PostgreSQL (the event log and email claims use others). */
const SIGNING_KEY_LOCK = 727_274_003;

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  createdAt: string;
  retiredAt: string | null;
}

/**
 * The service's signing keys, held in the database so every instance signs and verifies alike.
 * The newest key signs; retired keys verify until the tokens they signed have expired.
 * @example const keys = await SigningKeys.load(db); const jwks = keys.jwks();
 */
export class SigningKeys {
  private keys = new Map<string, LoadedKey>();
  private lastReload = 0;

  private constructor(private readonly db: Kysely<Database>) {}

  /**
   * Loads the keys, creating the first one on a fresh database. Instances starting together on
   * one fresh database agree on that first key: only one creates it, the others load it.
   */
  static async load(db: Kysely<Database>): Promise<SigningKeys> {
    const keys = new SigningKeys(db);
    await keys.reload();
    if (keys.keys.size === 0) {
      try {
        await keys.create({ onlyIfNone: true });
      } catch (error) {
        // On SQLite a concurrent first start loses the write race with SQLITE_BUSY: the winner's key is there.
        await keys.reload();
        if (keys.keys.size === 0) throw error;
      }
    }
    return keys;
  }

  /** The key that signs new tokens. */
  current(): { kid: string; privateKey: CryptoKey } {
    let newest: LoadedKey | undefined;
    for (const key of this.keys.values()) {
      if (!key.retiredAt && (!newest || key.createdAt > newest.createdAt)) newest = key;
    }
    if (!newest) throw new Error('no signing key: run `customer-portal keys rotate`');
    return newest;
  }

  /** The public key for `kid`, reloading once a second at most when an unknown kid shows up (another instance rotated). */
  async publicKey(kid: string | undefined): Promise<CryptoKey | null> {
    if (!kid) return null;
    let key = this.keys.get(kid);
    if (!key && Date.now() - this.lastReload > 1000) {
      await this.reload();
      key = this.keys.get(kid);
    }
    return key && this.verifies(key) ? key.publicKey : null;
  }

  /** The JSON Web Key Set of every key that still verifies. */
  jwks(): { keys: JWK[] } {
    return {
      keys: [...this.keys.values()]
        .filter((k) => this.verifies(k))
        .map((k) => ({ ...k.publicJwk, kid: k.kid, alg: TOKEN_ALG, use: 'sig' })),
    };
  }

  /** Adds a new signing key and retires the others from signing (they keep verifying). */
  async rotate(): Promise<string> {
    return this.create({ onlyIfNone: false });
  }

  private async create({ onlyIfNone }: { onlyIfNone: boolean }): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
    const kid = `k_${randomToken(9)}`;
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${SIGNING_KEY_LOCK})`.execute(trx);
      if (onlyIfNone && (await trx.selectFrom('signing_keys').select('kid').limit(1).executeTakeFirst())) return;
      await trx.updateTable('signing_keys').set({ retired_at: now }).where('retired_at', 'is', null).execute();
      await trx
        .insertInto('signing_keys')
        .values({
          kid,
          alg: TOKEN_ALG,
          public_jwk: JSON.stringify(await exportJWK(publicKey)),
          private_jwk: JSON.stringify(await exportJWK(privateKey)),
          created_at: now,
          retired_at: null,
        })
        .execute();
    });
    await this.reload();
    return kid;
  }

  private verifies(key: LoadedKey): boolean {
    return !key.retiredAt || Date.parse(key.retiredAt) + MAX_TOKEN_TTL_SECONDS * 1000 > Date.now();
  }

  private async reload(): Promise<void> {
    this.lastReload = Date.now();
    const rows = await this.db.selectFrom('signing_keys').selectAll().where('alg', '=', TOKEN_ALG).execute();
    const next = new Map<string, LoadedKey>();
    for (const row of rows) {
      const publicJwk = JSON.parse(row.public_jwk) as JWK;
      next.set(row.kid, {
        kid: row.kid,
        publicJwk,
        publicKey: (await importJWK(publicJwk, TOKEN_ALG)) as CryptoKey,
        privateKey: (await importJWK(JSON.parse(row.private_jwk), TOKEN_ALG)) as CryptoKey,
        createdAt: row.created_at,
        retiredAt: row.retired_at,
      });
    }
    this.keys = next;
  }
}
