/**
 * What tus-js-client needs of `js-base64` (its metadata values in base64, UTF-8 first), with the
 * browser's own `btoa`: the bundler puts this in its place (scripts/tus-shims.mjs), to keep the
 * upload chunk small.
 */
export const Base64 = {
  encode(text: string): string {
    let binary = '';
    for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
    return btoa(binary);
  },
};
