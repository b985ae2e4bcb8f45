import { defineConfig } from 'tsup';

// One entry per public subpath (package.json "exports"): the root and `@da-ki/providers/http`.
// Splitting (also for CommonJS) keeps code shared by both in one chunk, so an error class caught
// through one entry is the class the other throws.
export default defineConfig({
  entry: { index: 'src/index.ts', http: 'src/http/index.ts' },
  format: ['esm', 'cjs'],
  splitting: true,
  shims: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.json',
});
