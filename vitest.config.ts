import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run against the TypeScript sources, so a change is tested without a rebuild;
// the built packages are checked separately by `npm run check:packages`.
export default defineConfig({
  resolve: {
    alias: {
      '@da-ki/sdk': src('sdk'),
      '@da-ki/providers': src('providers'),
      '@da-ki/ml': src('ml'),
    },
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
