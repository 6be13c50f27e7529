import { fileURLToPath } from 'node:url';

/** tus-js-client's two helper packages, and the browser built-ins that replace them (widget/lib/tus/). */
const SHIMS = {
  'js-base64': fileURLToPath(new URL('../widget/lib/tus/base64.ts', import.meta.url)),
  'url-parse': fileURLToPath(new URL('../widget/lib/tus/url-parse.ts', import.meta.url)),
};

const fromTus = (importer) => !!importer && importer.includes(`${'node_modules'}/tus-js-client/`);

/**
 * A Rollup plugin that resolves tus-js-client's `js-base64` and `url-parse` to the shims: about
 * 3 KB gzipped less in the upload chunk, the same behaviour (see widget/lib/tus/).
 * @example plugins: [tusShims(), nodeResolve()]
 */
export const tusShims = () => ({
  name: 'tus-shims',
  resolveId(source, importer) {
    return fromTus(importer) && SHIMS[source] ? SHIMS[source] : null;
  },
});

/** The same for the browser tests' dev server (its plugins resolve imports to served paths). */
export const tusShimsForTests = () => ({
  name: 'tus-shims',
  resolveImport({ source, context }) {
    if (!fromTus(context.path) || !SHIMS[source]) return undefined;
    return `/widget/lib/tus/${source === 'js-base64' ? 'base64' : 'url-parse'}.ts`;
  },
});
