import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
/** A subpath export (`@da-ki/sdk/indicators`) is the index of the same-named source folder. */
const subpath = (pkg: string, name: string) =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${name}/index.ts`, import.meta.url));

// Tests run against the TypeScript sources, so a change is tested without a rebuild;
// the built packages are checked separately by `npm run check:packages`.
export default defineConfig({
  resolve: {
    // Exact matches: a plain '@da-ki/sdk' key would also rewrite the subpaths ('@da-ki/sdk/indicators').
    alias: [
      { find: /^@da-ki\/sdk$/, replacement: src('sdk') },
      { find: /^@da-ki\/sdk\/([a-z-]+)$/, replacement: subpath('sdk', '$1') },
      { find: /^@da-ki\/providers$/, replacement: src('providers') },
      { find: /^@da-ki\/providers\/([a-z-]+)$/, replacement: subpath('providers', '$1') },
      { find: /^@da-ki\/ml$/, replacement: src('ml') },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/nest-server/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
