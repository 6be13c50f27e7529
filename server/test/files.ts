import sharp from 'sharp';

/**
 * A real PDF of `pages` pages (a heading and a coloured box on each), written by hand: enough
 * for pdf.js to render, with no PDF library needed to make it.
 * @example const pdf = makePdf(20);
 */
export function makePdf(pages: number): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const contents: number[] = [];
  for (let i = 0; i < pages; i++) {
    const text = `BT /F1 36 Tf 72 700 Td (Page ${i + 1}) Tj ET 0.2 0.4 0.8 rg 72 100 300 200 re f`;
    contents.push(add(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`));
  }
  const pagesObject = objects.length + pages + 1;
  const kids: number[] = [];
  for (let i = 0; i < pages; i++) kids.push(add(`<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 612 792] /Contents ${contents[i]} 0 R /Resources << /Font << /F1 1 0 R >> >> >>`));
  add(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`);
  const catalog = add(`<< /Type /Catalog /Pages ${pagesObject} 0 R >>`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A photo-like JPEG of `width`×`height` (noise, so it compresses like a photo does).
 * @example const photo = await makeJpeg(4000, 3000); // 12 MP
 */
export async function makeJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 85 }).toBuffer();
}

/** A PNG of `width`×`height` in one colour. */
export async function makePng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 200 } } }).png().toBuffer();
}

/** A real WAV of a 440 Hz tone: audio a browser plays (the demo's recording, see `server/seed/demo-media.ts`). */
export { toneWav as makeWav } from '../seed/demo-media.js';

/** `size` bytes that read as an MP4 video (an `ftyp` box, then filler): enough for the type and for ranges. */
export function makeMp4Head(size: number): Buffer {
  const bytes = Buffer.alloc(size, 7);
  Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2')]).copy(bytes);
  return bytes;
}
