// Direct frame writes (src/realtime/frame-fanout.ts) on a real Socket.IO server with real
// socket.io-client connections over loopback TCP: broadcasts take the direct path on idle
// connections and Engine.IO's path otherwise, without reordering anything a client receives, and a
// reader that stops reading still builds its backlog where the SlowClientSweeper finds it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type * as FanoutModule from '../src/realtime/frame-fanout.js';
import type * as SweeperModule from '../src/realtime/slow-client-sweeper.js';
import { connect, dropAndReconnect, eventually, type LiveClient } from './realtime-support.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../dist/realtime/${path}`, import.meta.url).href) as Promise<T>;
const { useDirectFrameWrites } = await dist<typeof FanoutModule>('frame-fanout.js');
const { SlowClientSweeper } = await dist<typeof SweeperModule>('slow-client-sweeper.js');

/** Engine.IO's per-connection queue: packets that went through its path and wait for the transport. */
type EngineConnection = { writeBuffer: unknown[]; on(event: 'packetCreate', listener: () => void): void };

interface Harness {
  io: Server;
  url: string;
  /** Per server-side socket id: packets that went through Engine.IO's own write path. */
  enginePackets: Map<string, number>;
  serverSocket(id: string | undefined): Socket;
  /** Stops direct writes for connections made from now on. */
  stopDirectWrites(): void;
  close(): Promise<void>;
}

const open: Harness[] = [];
const clients: LiveClient[] = [];

/**
 * A Socket.IO server with direct frame writes. With connection-state recovery (the gateway's
 * setting) even an emit to one socket is a broadcast to its own room; without it, such an emit
 * takes Engine.IO's path.
 */
async function harness(recovery = true): Promise<Harness> {
  const http = createServer();
  const io = new Server(http, { serveClient: false, connectionStateRecovery: recovery ? {} : undefined });
  const stop = useDirectFrameWrites(io);
  const enginePackets = new Map<string, number>();
  io.on('connection', (socket) => {
    socket.join('all');
    enginePackets.set(socket.id, 0);
    // Engine.IO announces every packet its write path creates; the direct path creates none.
    (socket.conn as unknown as EngineConnection).on('packetCreate', () =>
      enginePackets.set(socket.id, (enginePackets.get(socket.id) ?? 0) + 1),
    );
    socket.on('echo', (value: unknown, ack: (reply: unknown) => void) => ack(value));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const h: Harness = {
    io,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    enginePackets,
    serverSocket(id) {
      const socket = id === undefined ? undefined : io.of('/').sockets.get(id);
      if (!socket) throw new Error(`no server-side socket ${id}`);
      return socket;
    },
    stopDirectWrites: stop,
    async close() {
      stop();
      await io.close();
    },
  };
  open.push(h);
  return h;
}

async function client(url: string): Promise<LiveClient> {
  const c = await connect(url, undefined, { reconnection: false });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const h of open.splice(0)) await h.close();
});

describe('direct frame writes', () => {
  it('deliver broadcasts to idle connections without Engine.IO’s write path', async () => {
    const h = await harness();
    const a = await client(h.url);
    const b = await client(h.url);
    const packetsBefore = h.enginePackets.get(a.socket.id as string) as number;
    expect(packetsBefore).toBe(0);
    // One broadcast per macrotask: each connection is idle again (its transport writable) by the next.
    for (let i = 0; i < 20; i++) {
      h.io.to('all').emit('tick', { i, text: 'é ✓ "quoted"' });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await eventually(() => a.events('tick').length === 20 && b.events('tick').length === 20);
    for (const c of [a, b]) {
      expect(c.events('tick')).toEqual(Array.from({ length: 20 }, (_, i) => ({ i, text: 'é ✓ "quoted"' })));
    }
    expect(h.enginePackets.get(a.socket.id as string)).toBe(packetsBefore);
  });

  it('keep what a client receives in the order it was sent, mixed with Engine.IO’s writes', async () => {
    const h = await harness(false);
    const a = await client(h.url);
    const server = h.serverSocket(a.socket.id);
    const sent: string[] = [];
    // Several writes in one tick: after an emit through Engine.IO the transport is busy until the
    // next tick, a second such emit waits in its queue, and a broadcast must wait behind it.
    for (let round = 0; round < 10; round++) {
      h.io.to('all').emit('seq', `b${round}a`);
      server.emit('seq', `s${round}`);
      h.io.to('all').emit('seq', `b${round}b`);
      server.emit('seq', `t${round}`);
      h.io.to('all').emit('seq', `b${round}c`);
      sent.push(`b${round}a`, `s${round}`, `b${round}b`, `t${round}`, `b${round}c`);
      if (round % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const echoed = await a.socket.timeout(5_000).emitWithAck('echo', 'ack');
    h.io.to('all').emit('seq', 'last');
    sent.push('last');
    await eventually(() => a.events('seq').length === sent.length);
    expect(a.events('seq')).toEqual(sent);
    expect(echoed).toBe('ack');
  });

  it('keep connection-state recovery: a dropped client gets what it missed', async () => {
    const h = await harness();
    const witness = await client(h.url);
    const dropped = await client(h.url);
    h.io.to('all').emit('tick', { i: 0 });
    await dropped.waitFor('tick', (p) => p.i === 0);
    await dropAndReconnect(dropped, async () => {
      for (let i = 1; i <= 4; i++) h.io.to('all').emit('tick', { i });
      await witness.waitFor('tick', (p) => p.i === 4);
    });
    expect(dropped.socket.recovered).toBe(true);
    h.io.to('all').emit('tick', { i: 5 });
    await dropped.waitFor('tick', (p) => p.i === 5);
    expect(dropped.events('tick').map((p) => p.i)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('leave a reader that stops reading to Engine.IO’s queue, where the sweeper drops it', async () => {
    const h = await harness();
    const healthy = await client(h.url);
    const slow = await client(h.url);
    const slowServerSide = h.serverSocket(slow.socket.id);
    const healthyPackets = h.enginePackets.get(healthy.socket.id as string);
    const serverSideDrop = new Promise<string>((resolve) => slowServerSide.on('disconnect', resolve));
    const sweeper = new SlowClientSweeper(h.io, { maxQueuedPackets: 20 });
    (slow.socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void } } }).ws._socket.pause();
    const blob = 'x'.repeat(64 * 1024);
    let sent = 0;
    const burst = async (count: number, size: string) => {
      for (let i = 0; i < count; i++) {
        h.io.to('all').emit('blob', { i: sent++, blob: size });
        // A macrotask between broadcasts: the healthy connection is idle each time (direct path).
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await burst(200, blob); // ~13 MB: more than loopback TCP buffers hold for a reader that does not read
    await eventually(() => healthy.events('blob').length === sent, 15_000, 'first burst received');
    // The stuck socket went over its high-water mark, and the rest queued in Engine.IO.
    const queued = (slowServerSide.conn as unknown as EngineConnection).writeBuffer.length;
    expect(queued).toBeGreaterThan(20);
    expect(sweeper.sweep()).toBe(0); // both flushed since they connected
    await burst(30, 'small');
    await eventually(() => healthy.events('blob').length === sent, 15_000, 'second burst received');
    expect(sweeper.sweep()).toBe(1); // only the stuck one
    expect(['transport close', 'transport error']).toContain(await serverSideDrop);
    await burst(5, 'after');
    await eventually(() => healthy.events('blob').length === sent, 15_000, 'third burst received');
    expect(healthy.events('blob').map((p) => p.i)).toEqual(Array.from({ length: sent }, (_, i) => i));
    // The healthy connection never needed Engine.IO's path for a broadcast.
    expect(h.enginePackets.get(healthy.socket.id as string)).toBe(healthyPackets);
    sweeper.stop();
  });

  it('stop applying to connections made after the returned function is called', async () => {
    const h = await harness();
    const before = await client(h.url);
    h.stopDirectWrites();
    const after = await client(h.url);
    const counts = () => [before, after].map((c) => h.enginePackets.get(c.socket.id as string));
    const [beforeCount, afterCount] = counts() as [number, number];
    h.io.to('all').emit('tick', { i: 1 });
    await before.waitFor('tick');
    await after.waitFor('tick');
    expect(counts()).toEqual([beforeCount, afterCount + 1]);
  });
});
