import { resolve } from 'node:path';

/** Everything the service reads from its environment, read once at start-up and then injected. */
export interface Config {
  /** `sqlite:PATH`, a bare path, or `postgres://…`. */
  readonly databaseUrl: string;
  /** Where document bytes, the outbox and other files live. */
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** The service's public origin: the `iss` of every embed token and the base of every link. */
  readonly publicUrl: string;
  readonly jsonBodyLimit: number;
  readonly uploadLimit: number;
  /** How long a resumable upload may wait for its next byte before it and its bytes are deleted (`RESUMABLE_UPLOAD_TTL_HOURS`, 24). */
  readonly resumableUploadTtlMs: number;
  /** `s3://BUCKET?endpoint=URL&region=R` keeps document bytes in a bucket; null keeps them under `dataDir`. */
  readonly blobStoreUrl: string | null;
  /** `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` for the bucket; null lets the S3 client find them its usual ways. */
  readonly s3Credentials: { accessKeyId: string; secretAccessKey: string } | null;
  readonly smtpUrl: string | null;
  /** The address every email comes from; tenants set only the display name. */
  readonly mailFrom: string;
  readonly webhookAllowPrivate: boolean;
  /** Behind a reverse proxy: the client address is the last hop of `X-Forwarded-For`. */
  readonly trustProxy: boolean;
  /** Where the example vendor page listens during `npm start` (0 turns it off). */
  readonly examplePort: number;
  /** SQLite only: `normal` survives a killed process, `full` a power loss too (README, "Durability"). */
  readonly sqliteSynchronous: 'normal' | 'full';
  /** How long the retention job keeps old rows (`server/retention/`); 0 days keeps them for good. */
  readonly retention: RetentionSettings;
}

export interface RetentionSettings {
  /** Events older than this, once every consumer is past them (the audit trail reads them too). */
  readonly eventDays: number;
  /** Notifications read this long ago. */
  readonly readNotificationDays: number;
  /** Finished webhook deliveries, with their attempts. */
  readonly webhookDays: number;
  /** Idempotency keys: at least the contract's 24 hours. */
  readonly idempotencyHours: number;
  /** Sign-in links, this long after they expired (used or not). */
  readonly magicLinkDays: number;
  /** Raw view beacons (their daily rollups and sittings are kept). */
  readonly analyticsViewDays: number;
}

const MB = 1024 * 1024;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function atLeast(minimum: number, value: number, name: string): number {
  if (value < minimum) throw new Error(`${name} must be at least ${minimum}, got ${value}`);
  return value;
}

function synchronous(env: NodeJS.ProcessEnv): 'normal' | 'full' {
  const raw = (env.SQLITE_SYNCHRONOUS || 'normal').toLowerCase();
  if (raw !== 'normal' && raw !== 'full') throw new Error(`SQLITE_SYNCHRONOUS must be "normal" or "full", got "${env.SQLITE_SYNCHRONOUS}"`);
  return raw;
}

/**
 * Reads the configuration from an environment (process.env by default) and freezes it.
 * @example const config = loadConfig({ DATABASE_URL: 'sqlite:/tmp/p.db', PORT: '9000' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? integer(env, 'PORT', 8787);
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? 'data');
  // Links must use the name people type: a page opened at localhost is another origin than 127.0.0.1.
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : host;
  const config: Config = {
    databaseUrl: env.DATABASE_URL || `sqlite:${resolve(dataDir, 'portal.db')}`,
    dataDir,
    port,
    host,
    publicUrl: (env.PUBLIC_URL || `http://${shownHost}:${port}`).replace(/\/+$/, ''),
    jsonBodyLimit: integer(env, 'JSON_BODY_LIMIT', 1 * MB),
    uploadLimit: integer(env, 'UPLOAD_LIMIT', 1024 * MB),
    resumableUploadTtlMs: integer(env, 'RESUMABLE_UPLOAD_TTL_HOURS', 24) * 3600_000,
    blobStoreUrl: env.BLOB_STORE_URL || null,
    s3Credentials: env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } : null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'portal@localhost',
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    examplePort: integer(env, 'EXAMPLE_PORT', port + 1),
    retention: Object.freeze({
      eventDays: integer(env, 'RETENTION_EVENT_DAYS', 400),
      readNotificationDays: integer(env, 'RETENTION_READ_NOTIFICATION_DAYS', 90),
      webhookDays: integer(env, 'RETENTION_WEBHOOK_DAYS', 30),
      idempotencyHours: atLeast(24, integer(env, 'RETENTION_IDEMPOTENCY_HOURS', 24), 'RETENTION_IDEMPOTENCY_HOURS'),
      magicLinkDays: integer(env, 'RETENTION_MAGIC_LINK_DAYS', 1),
      analyticsViewDays: integer(env, 'RETENTION_ANALYTICS_VIEW_DAYS', 30),
    }),
    sqliteSynchronous: synchronous(env),
    ...overrides,
  };
  return Object.freeze(config);
}
