import type { Server, Socket } from 'socket.io';

/** Options of {@link SlowClientSweeper}. */
export interface SlowClientSweeperOptions {
  /** Packets queued for one client above which it counts as too slow. Default 1 000. */
  maxQueuedPackets?: number;
  /** How often to look. Default 5 s. */
  intervalMs?: number;
}

/**
 * Drops clients that do not keep up. A broadcast never waits for any client (each socket has its
 * own buffer), so a slow reader stalls nobody else, but its queue would grow without bound. While
 * a client's transport is still busy with earlier frames, Engine.IO queues new packets in
 * `conn.writeBuffer`. A client counts as too slow when, at a sweep, more than `maxQueuedPackets`
 * wait there and its transport has not taken a single batch since the previous sweep: a healthy
 * client in the middle of a burst (a tick of 200 symbols) has a long queue for a moment but keeps
 * flushing. The disconnect is a transport close, which Socket.IO treats as recoverable: the
 * session is kept for the recovery window, and a client that reconnects in time receives what it
 * missed.
 */
export class SlowClientSweeper {
  private timer: NodeJS.Timeout | undefined;
  /** Engine.IO connections whose transport took a batch of packets since the last sweep. */
  private readonly flushed = new Set<object>();
  private readonly onDrain = (connection: object) => this.flushed.add(connection);
  private readonly maxQueuedPackets: number;
  private readonly intervalMs: number;
  /** Clients dropped so far. */
  dropped = 0;

  constructor(
    private readonly server: Server,
    options: SlowClientSweeperOptions = {},
  ) {
    this.maxQueuedPackets = options.maxQueuedPackets ?? 1_000;
    this.intervalMs = options.intervalMs ?? 5_000;
    // Engine.IO reports every flush of a connection's queue to its transport on the server.
    server.engine.on('drain', this.onDrain);
  }

  start(): void {
    this.timer ??= setInterval(() => this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.server.engine.off('drain', this.onDrain);
    this.flushed.clear();
  }

  /** One pass: disconnects every client that is over the limit and stuck; returns how many. */
  sweep(): number {
    let count = 0;
    for (const socket of this.server.of('/').sockets.values()) {
      if (queuedPackets(socket) > this.maxQueuedPackets && !this.flushed.has(socket.conn)) {
        dropTransport(socket);
        count++;
      }
    }
    this.flushed.clear();
    this.dropped += count;
    return count;
  }
}

// `writeBuffer` is declared private in Engine.IO's types, but it is the queue its `flush` drains and
// the only measure of a client's backlog Socket.IO has.
function queuedPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
}

function dropTransport(socket: Socket): void {
  // A WebSocket close handshake would wait (up to 30 s) behind the very frames the client is not
  // reading; terminate() frees the connection now. Polling transports have no such queue.
  const transport = socket.conn.transport as { socket?: { terminate?: () => void } };
  if (typeof transport.socket?.terminate === 'function') transport.socket.terminate();
  else socket.conn.close(true);
}
