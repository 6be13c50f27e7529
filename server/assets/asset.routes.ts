import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { onError } from '../lib/error-handler.js';

/** The files of `dist/` served at the root: the widget bundles, their chunks and sourcemaps. */
const ASSET = /^[\w-]+(?:\.[\w-]+)*\.js(?:\.map)?$/;
/** A chunk's name carries the hash of its content (`customer-portal.fr.Bx3k9_aQ.js`): it never changes. */
const HASHED = /^[\w-]+\.[\w-]+\.[\w-]{8}\.js(?:\.map)?$/;

interface Asset {
  mtimeMs: number;
  size: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

const notBuilt = (file: string) =>
  new ApiError(503, 'bundle_not_built', `${file} has not been built: run \`npm run build:widget\` (or \`npm run build\`) and reload`);

/**
 * Serves the widget bundle (`/customer-portal.js`, its translation chunks, sourcemaps, and later
 * the admin bundle) from `distDir`: public, readable from any origin, with an ETag for cheap
 * revalidation and a gzip copy made once per build. The bundle's URL carries no version, so
 * caches keep it five minutes and then revalidate; hashed chunks are kept for ever.
 * @example app.route('/', createAssetRoutes('/srv/portal/dist'));
 */
export function createAssetRoutes(distDir: string): Hono<AppEnv> {
  const cache = new Map<string, Asset>();

  async function load(file: string): Promise<Asset | null> {
    const path = join(distDir, file);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const body = await readFile(path);
    const asset = { mtimeMs: info.mtimeMs, size: info.size, body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    cache.set(file, asset);
    return asset;
  }

  return new Hono<AppEnv>().onError(onError).get('/:file', async (c, next) => {
    const file = c.req.param('file');
    if (!ASSET.test(file)) return next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    const asset = await load(file);
    if (!asset) {
      if (file.endsWith('.map')) throw new ApiError(404, 'not_found', `${file} not found`);
      throw notBuilt(file);
    }
    c.header('Cache-Control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300, stale-while-revalidate=86400');
    c.header('ETag', asset.etag);
    c.header('Vary', 'Accept-Encoding');
    const matches = c.req.header('if-none-match')?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag);
    if (matches) return c.body(null, 304);
    c.header('Content-Type', file.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8');
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    if (gzip) c.header('Content-Encoding', 'gzip');
    return c.body(new Uint8Array(gzip ? asset.gzip : asset.body), 200);
  });
}

/** The routes over the repository's own `dist/`. */
export const assetRoutes = createAssetRoutes(fileURLToPath(new URL('../../dist/', import.meta.url)));
