import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { ApiError } from '../errors.js';
import type { BlobStore } from './blob-store.js';
import { BlobMissing } from './blob-store.js';

/** The longest side of a preview, in pixels (the contract's "at most 1024 px"). */
export const PREVIEW_SIZE = 1024;
/** Larger sources get no preview: reading them whole to render one is not worth the memory. */
export const PREVIEW_SOURCE_LIMIT = 100 * 1024 * 1024;
/** Bumped when previews change, so that cached ones are made again. */
const PREVIEW_FORMAT = 'webp-1024-q80-v1';

const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/tiff']);

/** Whether the service makes previews of this (sniffed) type: raster images and PDFs; never SVG or HTML. */
export const previewable = (contentType: string) => IMAGE_TYPES.has(contentType) || contentType === 'application/pdf';

/**
 * Where the preview of the bytes `sha256` is kept in the blob store: a key derived from the
 * source's hash and the preview format, so every instance finds the one another made.
 */
export const previewKey = (sha256: string) => createHash('sha256').update(`preview:${PREVIEW_FORMAT}:${sha256}`).digest('hex');

const unavailable = () => new ApiError(404, 'preview_unavailable', 'There is no preview of this file; download it instead');

const unreadable = (kind: string) => new ApiError(422, 'preview_failed', `This ${kind} cannot be read, so it has no preview; download it instead`);

/** A raster image, re-encoded: orientation applied, metadata dropped, at most PREVIEW_SIZE on its longest side. */
async function imagePreview(bytes: Buffer): Promise<Buffer> {
  try {
    return await sharp(bytes, { failOn: 'error', limitInputPixels: 120_000_000, animated: false })
      .rotate()
      .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    throw unreadable('image');
  }
}

/** The first page of a PDF, rendered (no scripts, no embedded fonts loaded as fonts) and re-encoded. */
async function pdfPreview(bytes: Buffer): Promise<Buffer> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf: Awaited<ReturnType<typeof getDocument>['promise']> | undefined;
  let png: Buffer;
  try {
    pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, enableXfa: false, verbosity: 0 }).promise;
    const page = await pdf.getPage(1);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(4, PREVIEW_SIZE / Math.max(base.width, base.height)) });
    // pdf.js's own factory on Node: an @napi-rs/canvas canvas.
    const factory = pdf.canvasFactory as { create(width: number, height: number): { canvas: { toBuffer(type: 'image/png'): Buffer }; context: unknown } };
    const { canvas, context } = factory.create(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
    await page.render({ canvasContext: context as CanvasRenderingContext2D, viewport, canvas: canvas as unknown as HTMLCanvasElement }).promise;
    png = canvas.toBuffer('image/png');
  } catch {
    throw unreadable('PDF');
  } finally {
    await pdf?.destroy();
  }
  return imagePreview(png);
}

async function readWhole(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw unavailable();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Makes and caches previews. Two requests for the same preview wait on one rendering, and at
 * most `concurrency` render at once (rendering is CPU work on the event loop's thread).
 * @example const key = await previews.ensure(document.sha256, document.content_type, document.size);
 */
export class Previews {
  private readonly running = new Map<string, Promise<void>>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly blobs: BlobStore,
    private readonly concurrency = 2,
  ) {}

  /** The blob-store key of the preview of `sha256`, made first when it is not there yet. */
  async ensure(sha256: string, contentType: string, size: number): Promise<string> {
    if (!previewable(contentType) || size > PREVIEW_SOURCE_LIMIT) throw unavailable();
    const key = previewKey(sha256);
    if ((await this.blobs.size(key)) !== null) return key;
    let run = this.running.get(key);
    if (!run) {
      run = this.make(sha256, contentType, key).finally(() => this.running.delete(key));
      this.running.set(key, run);
    }
    await run;
    return key;
  }

  /** Renders the preview of `sha256`, without caching it: what the benchmark times. */
  async render(bytes: Buffer, contentType: string): Promise<Buffer> {
    return contentType === 'application/pdf' ? pdfPreview(bytes) : imagePreview(bytes);
  }

  private async make(sha256: string, contentType: string, key: string): Promise<void> {
    await this.slot();
    try {
      let source: Readable;
      try {
        source = await this.blobs.open(sha256);
      } catch (error) {
        if (error instanceof BlobMissing) throw unavailable();
        throw error;
      }
      const preview = await this.render(await readWhole(source, PREVIEW_SOURCE_LIMIT), contentType);
      const staged = await this.blobs.stage(Readable.from([preview]), PREVIEW_SOURCE_LIMIT);
      // Staged under its own hash; linked under the derived key, which is what readers look up.
      try {
        const derived = { ...staged, sha256: key };
        await this.blobs.prepare(derived);
        await this.blobs.link(derived);
      } finally {
        await this.blobs.discard(staged);
      }
    } finally {
      this.release();
    }
  }

  private async slot(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
