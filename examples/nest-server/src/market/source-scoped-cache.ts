import { type CacheLoader, LayeredCache, type LayeredCacheOptions } from '@da-ki/sdk';

/**
 * The layered cache with every key in the namespace of the current data source
 * (`<source key>|bars:folder:SAP`). The analyzer's keys name the symbol, not the data it came from:
 * without the namespace, bars or fundamentals of a previous folder would be served from L1, Redis or
 * the database for up to a day after the folder changed. Switching the scope makes the old entries
 * unreachable at once in every process; {@link switchScope} also deletes them.
 */
export class SourceScopedCache extends LayeredCache {
  private scopePrefix: string;

  constructor(scope: string, options: LayeredCacheOptions) {
    super(options);
    this.scopePrefix = `${scope}|`;
  }

  /** The current namespace (a data-source key). */
  get scope(): string {
    return this.scopePrefix.slice(0, -1);
  }

  /** Moves to another source's namespace and deletes the previous one's entries from every layer. */
  async switchScope(scope: string): Promise<void> {
    const previous = this.scopePrefix;
    if (previous === `${scope}|`) return;
    this.scopePrefix = `${scope}|`;
    await super.invalidatePrefix(previous);
  }

  override get<T>(key: string, loader: CacheLoader<T>): Promise<T> {
    return super.get(this.scopePrefix + key, () => loader(key));
  }

  override set(key: string, value: unknown): Promise<void> {
    return super.set(this.scopePrefix + key, value);
  }

  // `invalidate` calls `delete`, so it is scoped through this override.
  override delete(key: string): Promise<void> {
    return super.delete(this.scopePrefix + key);
  }

  override invalidatePrefix(prefix: string): Promise<void> {
    return super.invalidatePrefix(this.scopePrefix + prefix);
  }
}
