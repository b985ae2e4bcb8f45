import { defineConfig } from 'tsup';

// One entry per public subpath (package.json "exports"): the root and `@da-ki/sdk/indicators`,
// `/scoring`, `/cache`, `/sentiment`. Splitting (also for CommonJS) puts code shared by entries in
// one chunk, so a class imported through two subpaths is one class (`instanceof` holds) and a
// bundler that takes `/indicators` alone never sees zod or the scoring code.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    indicators: 'src/indicators/index.ts',
    scoring: 'src/scoring/index.ts',
    cache: 'src/cache/index.ts',
    sentiment: 'src/sentiment/index.ts',
  },
  format: ['esm', 'cjs'],
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.json',
});
