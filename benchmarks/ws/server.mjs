// The server of the single-instance WebSocket benchmarks, in its own process under plain node (forked
// by run.ts), answering IPC commands: `broadcast` one `price:update`, count `connections`, `close`.
//   default:       the compiled reference server; broadcasts go through its real Broadcaster.
//   BENCH_BARE=1:  a bare Socket.IO server on node:http (no Nest, no auth, no recovery), as the baseline.
// Plain node, not tsx: tsx's loader gives some Nest packages a second copy of @nestjs/core, and
// dependency injection then fails.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const epochMs = () => performance.timeOrigin + performance.now();

async function startReference() {
  const dist = (path) => import(new URL(`../../examples/nest-server/dist/${path}`, import.meta.url).href);
  const { startServer } = await dist('server.js');
  const { loadConfig } = await dist('config/config.js');
  const { Broadcaster } = await dist('realtime/broadcaster.js');
  const schema = process.env.DATABASE_URL ? `bench_ws_${randomBytes(4).toString('hex')}` : undefined;
  const server = await startServer(loadConfig(process.env), { databaseSchema: schema });
  const broadcaster = server.app.get(Broadcaster);
  return {
    url: server.url,
    broadcast: (update) => broadcaster.price(update),
    connections: async () => {
      const line = (await server.metrics.scrape())
        .split('\n')
        .find((l) => l.startsWith('websocket_connections '));
      return Number(line?.split(' ')[1]);
    },
    async close() {
      await server.close();
      if (!schema) return;
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

async function startBare() {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  io.on('connection', (socket) => {
    socket.on('subscribe', (body, ack) => {
      socket.join(body.symbols.map((symbol) => `symbol:${symbol}`));
      ack({ ok: true });
    });
  });
  const host = process.env.HOST ?? '127.0.0.1';
  await new Promise((resolve) => http.listen(0, host, resolve));
  return {
    url: `http://${host}:${http.address().port}`,
    broadcast: (update) =>
      io.to(`symbol:${update.symbol}`).emit('price:update', { ...update, ts: epochMs() }),
    connections: async () => io.engine.clientsCount,
    close: () => io.close(),
  };
}

const host = process.env.BENCH_BARE === '1' ? await startBare() : await startReference();

process.on('message', async (message) => {
  if (message.type === 'broadcast') {
    const before = process.cpuUsage();
    // Synchronous: the frame is written to every subscribed socket before this returns.
    host.broadcast(message.update);
    const used = process.cpuUsage(before);
    process.send({ type: 'broadcasted', cpuMs: (used.user + used.system) / 1_000 });
  } else if (message.type === 'connections') {
    process.send({
      type: 'connections',
      count: await host.connections(),
      rssMb: process.memoryUsage().rss / 2 ** 20,
    });
  } else if (message.type === 'close') {
    await host.close();
    process.exit(0);
  }
});
process.send({ type: 'listening', url: host.url });
