import { defineConfig } from 'tsup';

// Two entries: the library (`runCli` and its types, for programs and in-process tests) and the
// `da-ki` executable, whose shebang esbuild keeps from src/bin.ts. Types only for the library.
export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.json',
});
