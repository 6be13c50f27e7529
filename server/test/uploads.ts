import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApp } from './harness.js';

/** A 1×1 PNG: the smallest real image, for sniffing and logos. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface UploadFile {
  name: string;
  bytes: string | Uint8Array;
  /** What the client claims; the service sniffs the bytes instead. */
  type?: string;
}

/** The multipart body a browser would send. */
export function uploadForm(file: UploadFile, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([file.bytes as BlobPart], file.type ? { type: file.type } : {}), file.name);
  return form;
}

/**
 * Uploads a file through the public API.
 * @example const doc = await upload(t, w.staff, { name: 'a.txt', bytes: 'hi' }, { customer_id: w.customerA });
 */
export async function upload(t: TestApp, auth: string, file: UploadFile, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return t.request('POST', '/v1/documents', { auth, body: uploadForm(file, fields), headers });
}

/** A download as the browser sees it: status, headers and the exact bytes. */
export async function download(t: TestApp, auth: string | null, path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under the blob store, temporary ones included. */
export function storedFiles(t: TestApp): string[] {
  const walk = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    } catch {
      return [];
    }
  };
  return walk(join(t.config.dataDir, 'blobs'));
}
