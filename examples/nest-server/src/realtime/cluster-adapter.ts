import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';

/** What `Server.adapter()` takes (socket.io does not export the type by name). */
type AdapterConstructor = Parameters<Server['adapter']>[0];

/**
 * Entries the adapter's Redis stream keeps (approximate trimming). Recovery after a drop replays
 * the stream from the client's last offset, so it must hold at least the recovery window's worth
 * of broadcasts: ~470 prices a minute plus one portfolio update per user with positions per tick.
 */
const STREAM_MAX_LEN = 100_000;

/**
 * The Socket.IO Redis streams adapter under `prefix`: broadcasts are appended to one Redis stream
 * that every server instance (and every worker's publish-only server) reads, so a client on any
 * instance gets every update; sessions of dropped clients are kept in Redis, so connection-state
 * recovery works across instances. Unlike the pub/sub adapter, nothing is lost while a server's
 * Redis connection is re-established: it resumes reading the stream from its last offset.
 */
export function clusterAdapter(redis: Redis, prefix: string): AdapterConstructor {
  return createAdapter(redis, {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:socket.io:session:`,
    maxLen: STREAM_MAX_LEN,
    // Short blocking reads, so a closed server releases its reader connection within 2 s.
    blockTimeInMs: 2_000,
    // Payloads are plain JSON: skip the per-message binary scan.
    onlyPlaintext: true,
  });
}
