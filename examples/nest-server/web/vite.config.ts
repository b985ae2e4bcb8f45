import { defineConfig } from 'vite';

// Run as `vite build web` from examples/nest-server: paths below are relative to this folder.
// The dashboard builds into the server's dist/public (beside the compiled server, ignored by git),
// which src/web/dashboard-routes.ts serves at `/`. Everything is bundled, so the page works offline.
export default defineConfig({
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/public',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
});
