import { createRequire } from 'node:module';

let cached: NodeJS.Require | undefined;

/**
 * A CommonJS `require` relative to this package, in both builds: the ESM build derives it from
 * `import.meta.url`, the CJS build from `__filename`. The WASM model packages are CommonJS modules whose
 * exports (a Promise, a factory) do not survive ESM interop intact in every loader, so they are
 * required, not imported.
 */
export function nodeRequire(): NodeJS.Require {
  // Not `typeof require`: the ESM bundle defines a `require` shim that throws on every call. And
  // `import.meta.url` first: inside an eval'd worker a global `__filename` is '[worker eval]'.
  // The CJS build has an empty `import.meta`, so it falls through to its own `__filename`.
  cached ??= createRequire((import.meta.url as string | undefined) ?? __filename);
  return cached;
}
