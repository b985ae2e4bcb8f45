import { createRequire } from 'node:module';

const loaded = new Map<string, unknown>();

/**
 * A dependency loaded when it is first needed rather than when `@da-ki/providers` is imported:
 * ioredis (about 21 MB), ky and fast-xml-parser cost memory and start-up time in every program that
 * imports the package, and most (the `da-ki` command line, a script on a data folder) never open a
 * Redis connection, an HTTP client or a feed. Required, not imported, so that callers stay
 * synchronous (the `RedisCacheStore` constructor, `parseFeed`): the ESM build derives `require` from
 * `import.meta.url`, the CJS build (whose `import.meta` is empty) from `__filename`.
 */
export function requireOnFirstUse<T>(name: 'ioredis' | 'fast-xml-parser'): T {
  if (!loaded.has(name)) {
    loaded.set(name, createRequire((import.meta.url as string | undefined) ?? __filename)(name));
  }
  return loaded.get(name) as T;
}
