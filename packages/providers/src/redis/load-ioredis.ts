import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

let cached: typeof Redis | undefined;

/**
 * The ioredis client class, loaded on first use rather than when `@da-ki/providers` is imported:
 * ioredis costs about 21 MB of memory and some start-up time in every program that imports the
 * package, and most (the `da-ki` command line, a script on a data folder) never open a Redis
 * connection. Required, not imported, so the constructor of `RedisCacheStore` stays synchronous:
 * the ESM build derives `require` from `import.meta.url`, the CJS build (whose `import.meta` is
 * empty) from `__filename`.
 */
export function loadRedis(): typeof Redis {
  cached ??= (
    createRequire((import.meta.url as string | undefined) ?? __filename)('ioredis') as {
      Redis: typeof Redis;
    }
  ).Redis;
  return cached;
}
