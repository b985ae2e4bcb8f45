/**
 * The shard of a symbol: FNV-1a (32 bit) of its characters modulo `shards`. Stable across processes
 * and restarts, so every worker agrees which shard owns a symbol without coordination, and a
 * symbol's jobs always land in the same shard (its price ticks stay in order).
 */
export function shardOf(symbol: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < symbol.length; i++) {
    hash ^= symbol.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** The symbols of `universe` that belong to `shard` of `shards`, in their original order. */
export function symbolsOfShard(universe: readonly string[], shard: number, shards: number): string[] {
  if (!Number.isInteger(shards) || shards < 1)
    throw new RangeError(`shards must be a positive integer, got ${shards}`);
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards) {
    throw new RangeError(`shard must be an integer in [0, ${shards - 1}], got ${shard}`);
  }
  return universe.filter((symbol) => shardOf(symbol, shards) === shard);
}
