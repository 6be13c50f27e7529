import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './scripts/minify-templates.mjs';
import { tusShims } from './scripts/tus-shims.mjs';

/** Prints each emitted bundle's raw and gzipped size, the figure the 50 KB budget is about. */
const reportSize = () => ({
  name: 'report-size',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type !== 'chunk') continue;
      const gzipped = gzipSync(file.code, { level: 9 }).length;
      console.log(`${file.fileName}: ${(file.code.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    }
  },
});

/**
 * One ES module per entry, sharing no code with the other entries; what is loaded on demand is
 * split off (`<name>.<chunk>.<hash>.js`, cacheable for ever): translations, the task panel, the
 * Markdown renderer with DOMPurify, the offline outbox. The admin page is
 * the second entry: `bundle('customer-portal-admin', 'widget/admin.ts')`.
 */
const bundle = (name, input) => ({
  input,
  // A translation imports `str` from the bundle itself rather than splitting Lit into a chunk.
  preserveEntrySignatures: 'allow-extension',
  output: { dir: 'dist', entryFileNames: `${name}.js`, chunkFileNames: `${name}.[name].[hash].js`, format: 'es', sourcemap: true },
  plugins: [
    tusShims(),
    nodeResolve({ browser: true }),
    esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', legalComments: 'none' }),
    minifyTemplates(),
    terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    reportSize(),
  ],
});

export default [bundle('customer-portal', 'widget/index.ts'), bundle('customer-portal-admin', 'widget/admin.ts')];
