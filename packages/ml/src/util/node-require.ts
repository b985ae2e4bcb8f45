import { createRequire } from 'node:module';

let cached: NodeJS.Require | undefined;

/**
 * A CommonJS `require` relative to this package, in both builds: the ESM build derives it from
 * `import.meta.url`, the CJS build has its own. The WASM model packages are CommonJS modules whose
 * exports (a Promise, a factory) do not survive ESM interop intact in every loader, so they are
 * required, not imported.
 */
export function nodeRequire(): NodeJS.Require {
  cached ??= typeof require === 'function' ? require : createRequire(import.meta.url);
  return cached;
}
