import { defineConfig } from 'vite';

// Run as `vite build web` from examples/nest-server: paths below are relative to this folder.
// The dashboard builds into the server's dist/public (beside the compiled server, ignored by git),
// which src/web/dashboard-routes.ts serves at `/`. Everything is bundled, so the page works offline.
export default defineConfig({
  base: '/',
  publicDir: false,
  resolve: {
    // The SDK's indicators are dependency-free, but its single-entry bundle also carries zod and
    // the scoring code, whose top-level schemas a bundler cannot drop: take the indicators alone.
    alias: {
      '@da-ki/sdk/indicators': new URL('../../../packages/sdk/src/indicators/index.ts', import.meta.url)
        .pathname,
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/public',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
});
