import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of `bytes` random bytes (16 bytes = 128 bits, 22 characters). */
export function randomToken(bytes = 16): string {
  const buf = randomBytes(bytes);
  let n = BigInt('0x' + buf.toString('hex'));
  const length = Math.ceil((bytes * 8) / Math.log2(62));
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
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
