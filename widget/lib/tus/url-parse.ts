/**
 * What tus-js-client needs of `url-parse` (an upload's `Location` resolved against its
 * endpoint), with the browser's own `URL`: the bundler puts this in its place
 * (scripts/tus-shims.mjs), to keep the upload chunk small.
 */
export default class ResolvedUrl {
  private readonly href: string;

  constructor(link: string, base: string) {
    this.href = new URL(link, base).href;
  }

  toString(): string {
    return this.href;
  }
}
