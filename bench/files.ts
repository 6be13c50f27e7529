// `npm run bench -- files`: a 200 MB file uploaded and downloaded through the service against
// `cp` of the same file (the baseline, in the same run), the service's memory meanwhile (it
// must stream: RSS grows by less than 64 MB), and the time to make a preview of a 20-page PDF
// and of a 12 MP photo; the same file through the resumable (tus) route, in 8 MiB parts. BENCH_FILE_MB sets the size, BENCH_ROUNDS the rounds (3).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../server/config.js';
import { createDeps } from '../server/deps.js';
import { DataDirBlobStore } from '../server/documents/data-dir-blob-store.js';
import { Previews } from '../server/documents/preview.js';
import { makeJpeg, makePdf } from '../server/test/files.js';
import { createTenant } from '../server/tenants/tenant.repository.js';
import { BENCH_ORIGIN, machine, median, recordTable, root, startService, stop } from './lib.js';

const MB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_FILE_MB ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const dataDir = join(root, 'bench/.data/files');
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

// The file: random bytes (nothing to deduplicate or compress), written in 1 MB chunks.
const source = join(dataDir, 'big.bin');
{
  const out = createWriteStream(source);
  for (let i = 0; i < SIZE_MB; i++) if (!out.write(randomBytes(MB))) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
const bytes = statSync(source).size;

const dbFile = join(dataDir, 'portal.db');
const seedDeps = await createDeps(loadConfig({ DATABASE_URL: `sqlite:${dbFile}`, PUBLIC_URL: BENCH_ORIGIN }, { dataDir }));
const { api_key: key } = await createTenant(seedDeps.db, { name: 'Bench', slug: 'bench-files' });
await seedDeps.storage.close();

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Samples the process's RSS every 20 ms while `work` runs: its growth over the start. */
async function withRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = rssOf(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

/** A streamed multipart upload of `file` (never read whole), answering the document id. */
function upload(url: string, customerId: string, file: string): Promise<string> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="customer_id"\r\n\r\n${customerId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + bytes + tail.length },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(body).id) : reject(new Error(`upload ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.write(head);
    const stream = createReadStream(file);
    stream.on('data', (chunk) => req.write(chunk) || (stream.pause(), req.once('drain', () => stream.resume())));
    stream.on('end', () => req.end(tail));
  });
}

/** One tus PATCH of `file` from `start` (at most `length` bytes), streamed: the answer's status and body. */
function patch(location: string, file: string, start: number, length: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(location, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key}`, 'tus-resumable': '1.0.0', 'upload-offset': String(start), 'content-type': 'application/offset+octet-stream', 'content-length': length },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    createReadStream(file, { start, end: start + length - 1 }).pipe(req);
  });
}

/** A resumable upload of `file` (tus, 8 MiB parts as the widget sends them), answering the document id. */
async function resumableUpload(url: string, customerId: string, file: string): Promise<string> {
  const meta = `filename ${Buffer.from('big.bin').toString('base64')},customer_id ${Buffer.from(customerId).toString('base64')}`;
  const created = await fetch(`${url}/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'tus-resumable': '1.0.0', 'upload-length': String(bytes), 'upload-metadata': meta } });
  if (created.status !== 201) throw new Error(`tus create ${created.status} ${await created.text()}`);
  const location = new URL(created.headers.get('location')!, url).href;
  const PART = 8 * MB;
  for (let offset = 0; ; offset += PART) {
    const answer = await patch(location, file, offset, Math.min(PART, bytes - offset));
    if (answer.status === 200) return JSON.parse(answer.body).id;
    if (answer.status !== 204) throw new Error(`tus patch ${answer.status} ${answer.body}`);
  }
}

async function download(url: string, id: string, target: string): Promise<void> {
  const res = await fetch(`${url}/v1/documents/${id}/content`, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok || !res.body) throw new Error(`download ${res.status}`);
  await pipeline(res.body as unknown as NodeJS.ReadableStream, createWriteStream(target));
}

const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};
const rate = (seconds: number) => bytes / MB / seconds;

const api = await startService({ DATABASE_URL: `sqlite:${dbFile}`, DATA_DIR: dataDir, UPLOAD_LIMIT: String(2 * bytes) });
const results = { cp: [] as number[], up: [] as number[], down: [] as number[], upRss: [] as number[], downRss: [] as number[], tus: [] as number[], tusRss: [] as number[] };
try {
  const customer = await (
    await fetch(`${api.url}/v1/customers`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench customer', external_id: 'bench' }) })
  ).json();
  for (let round = 0; round < ROUNDS; round++) {
    const copy = join(dataDir, 'copy.bin');
    results.cp.push(rate(await timed(async () => void spawnSync('cp', [source, copy]))));
    rmSync(copy, { force: true });
    // Each round's file differs (its last bytes), so no round is a deduplicated no-op.
    const file = join(dataDir, `round-${round}.bin`);
    spawnSync('cp', [source, file]);
    const tailFd = createWriteStream(file, { flags: 'r+', start: bytes - 16 });
    await new Promise<void>((resolve) => tailFd.end(randomBytes(16), () => resolve()));
    let id = '';
    const up = await withRss(api.child.pid!, () => timed(async () => (id = await upload(api.url, customer.id, file))));
    results.up.push(rate(up.result));
    results.upRss.push(up.growth / MB);
    const target = join(dataDir, 'downloaded.bin');
    const down = await withRss(api.child.pid!, () => timed(() => download(api.url, id, target)));
    results.down.push(rate(down.result));
    results.downRss.push(down.growth / MB);
    if (statSync(target).size !== bytes) throw new Error('the download is not the whole file');
    rmSync(target, { force: true });
    await fetch(`${api.url}/v1/documents/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
    // The same file again, resumable: in parts, put together at the end.
    const tus = await withRss(api.child.pid!, () => timed(async () => (id = await resumableUpload(api.url, customer.id, file))));
    results.tus.push(rate(tus.result));
    results.tusRss.push(tus.growth / MB);
    rmSync(file, { force: true });
    await fetch(`${api.url}/v1/documents/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
    console.log(`round ${round + 1}: cp ${results.cp.at(-1)!.toFixed(0)} MB/s, up ${results.up.at(-1)!.toFixed(0)} MB/s (+${results.upRss.at(-1)!.toFixed(1)} MB RSS), down ${results.down.at(-1)!.toFixed(0)} MB/s (+${results.downRss.at(-1)!.toFixed(1)} MB RSS), resumable up ${results.tus.at(-1)!.toFixed(0)} MB/s (+${results.tusRss.at(-1)!.toFixed(1)} MB RSS)`);
  }
} finally {
  await stop(api.child);
}

// Previews, rendered as the service renders them (not cached), five times each.
const previews = new Previews(new DataDirBlobStore(join(dataDir, 'blobs')));
const pdf = makePdf(20);
const photo = await makeJpeg(4000, 3000);
const previewTimes = { pdf: [] as number[], photo: [] as number[] };
for (let i = 0; i < 5; i++) {
  previewTimes.pdf.push((await timed(() => previews.render(pdf, 'application/pdf'))) * 1000);
  previewTimes.photo.push((await timed(() => previews.render(photo, 'image/jpeg'))) * 1000);
}

const cp = median(results.cp);
const up = median(results.up);
const down = median(results.down);
const upRss = Math.max(...results.upRss);
const downRss = Math.max(...results.downRss);
const tusUp = median(results.tus);
const tusRss = Math.max(...results.tusRss);
const verdict = `RSS grew by at most ${Math.max(upRss, downRss, tusRss).toFixed(1)} MB (goal < 64 MB)`;
console.log(verdict);
rmSync(dataDir, { recursive: true, force: true });

recordTable('Files (bench/files.ts)', {
  intro: `${machine()}; one ${SIZE_MB} MB file of random bytes, SQLite, the data-directory store, ${ROUNDS} rounds (medians); the service as it ships, on loopback. Measured on a shared, loaded machine (five sessions on two cores): read the ratios against \`cp\` of the same run, not the absolute rates.`,
  header: ['measure', 'result', 'against cp'],
  rows: [
    [`\`cp\` of the ${SIZE_MB} MB file (baseline)`, `${cp.toFixed(0)} MB/s`, '1×'],
    ['upload (`POST /v1/documents`, multipart, streamed)', `${up.toFixed(0)} MB/s`, `${(up / cp).toFixed(2)}×`],
    ['download (`GET /v1/documents/:id/content`)', `${down.toFixed(0)} MB/s`, `${(down / cp).toFixed(2)}×`],
    ['resumable upload (`/v1/uploads`, tus, 8 MiB parts)', `${tusUp.toFixed(0)} MB/s`, `${(tusUp / cp).toFixed(2)}×`],
    ['service RSS growth during an upload (largest of the rounds)', `${upRss.toFixed(1)} MB`, '—'],
    ['service RSS growth during a download (largest of the rounds)', `${downRss.toFixed(1)} MB`, '—'],
    ['service RSS growth during a resumable upload (largest of the rounds)', `${tusRss.toFixed(1)} MB`, '—'],
    ['preview of a 20-page PDF (first page, median of 5)', `${median(previewTimes.pdf).toFixed(0)} ms`, '—'],
    ['preview of a 12 MP JPEG photo (median of 5)', `${median(previewTimes.photo).toFixed(0)} ms`, '—'],
  ],
  notes: `${verdict}. An upload writes the file once (staged while it is hashed, then renamed into place) and parses it as multipart; a download is one read. A resumable upload writes each part (staged, then stored as a part), then reads the parts back into one staged file while hashing it: about twice the disk work of the multipart path.`,
});
