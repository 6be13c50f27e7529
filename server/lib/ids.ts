import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Random bytes drawn from the system's generator 4 KB at a time, as Node's own `randomUUID`
 * does: a call into OpenSSL and a buffer for every id cost more than the rest of making it.
 */
const pool = Buffer.alloc(4096);
let taken = pool.length;

/** Whole multiples of 62 below 256: a byte under this picks a base62 digit with no bias. */
const UNBIASED = 62 * 4;

/**
 * `bytes` random bytes' worth of base62 (16 bytes = 128 bits, 22 characters): each character
 * a uniform digit, from a random byte below 248 (the others are skipped), so the text holds at
 * least `bytes * 8` bits.
 */
export function randomToken(bytes = 16): string {
  const length = Math.ceil((bytes * 8) / Math.log2(62));
  let out = '';
  while (out.length < length) {
    if (taken === pool.length) {
      randomFillSync(pool);
      taken = 0;
    }
    const byte = pool[taken++]!;
    if (byte < UNBIASED) out += ALPHABET[byte % 62];
  }
  return out;
}

export type IdPrefix = 'ten' | 'key' | 'cus' | 'usr' | 'prj' | 'tsk' | 'cmt' | 'doc' | 'ntf' | 'tpl' | 'whe' | 'msg' | 'evt' | 'pms' | 'mil' | 'ses' | 'fld' | 'thr' | 'apr' | 'fin' | 'del' | 'dup' | 'drg' | 'ref' | 'com' | 'anv' | 'vis' | 'tir' | 'gol' | 'gup' | 'pag' | 'faq' | 'fqf' | 'acr' | 'rqt' | 'req';

/**
 * An opaque, prefixed, random id with 128 bits of entropy.
 * @example newId('tsk') // 'tsk_3kTMd92jf0aPq8sL1xQz7b'
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(16)}`;
}
