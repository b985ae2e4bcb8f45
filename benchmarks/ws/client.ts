// One client process of the WebSocket benchmark (forked by run.ts): holds many Socket.IO connections
// (WebSocket transport only), subscribes each to one symbol, and records, per `price:update`, the
// delay from the server's `ts` to receipt and which broadcast (`tick`) it was.
import { io, type Socket } from 'socket.io-client';

/** Parent → client. */
export type ToClient =
  | { type: 'connect'; urls: string[]; count: number; symbol: string; connectConcurrency: number }
  | { type: 'report'; ticks: number[] }
  | { type: 'close' };

/** Client → parent. */
export type FromClient =
  | { type: 'ready'; connected: number; failed: number; firstError?: string }
  | {
      type: 'report';
      held: number;
      disconnects: number;
      received: number;
      missing: number;
      duplicates: number;
      latencies: number[];
      cpuMs: number;
    };

const sockets: Socket[] = [];
const seen: Set<number>[] = [];
const latencies: number[] = [];
let disconnects = 0;
let duplicates = 0;
const send = (message: FromClient) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

function open(url: string, index: number, symbol: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    const ticks = new Set<number>();
    socket.on('price:update', (update: { tick: number; ts: number }) => {
      latencies.push(now() - update.ts);
      if (ticks.has(update.tick)) duplicates++;
      ticks.add(update.tick);
    });
    socket.once('connect', async () => {
      const ack = (await socket
        .timeout(60_000)
        .emitWithAck('subscribe', { symbols: [symbol] })
        .catch(() => undefined)) as { ok: boolean } | undefined;
      if (!ack?.ok) {
        socket.close();
        resolve(false);
        return;
      }
      socket.on('disconnect', () => disconnects++);
      sockets[index] = socket;
      seen[index] = ticks;
      resolve(true);
    });
    socket.once('connect_error', (error) => {
      lastError = error.message;
      socket.close();
      resolve(false);
    });
  });
}
let lastError: string | undefined;

async function connectAll(urls: string[], count: number, symbol: string, concurrency: number) {
  let next = 0;
  let connected = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      if (await open(urls[index % urls.length] as string, index, symbol)) connected++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  send({ type: 'ready', connected, failed: count - connected, firstError: lastError });
}

process.on('message', (message: ToClient) => {
  if (message.type === 'connect') {
    connectAll(message.urls, message.count, message.symbol, message.connectConcurrency);
  } else if (message.type === 'report') {
    let missing = 0;
    let received = 0;
    for (const ticks of seen) {
      if (!ticks) continue;
      received += ticks.size;
      for (const tick of message.ticks) if (!ticks.has(tick)) missing++;
    }
    const cpu = process.cpuUsage();
    send({
      type: 'report',
      held: sockets.filter((s) => s?.connected).length,
      disconnects,
      received,
      missing,
      duplicates,
      latencies,
      cpuMs: (cpu.user + cpu.system) / 1_000,
    });
  } else if (message.type === 'close') {
    for (const socket of sockets) socket?.close();
    setTimeout(() => process.exit(0), 100);
  }
});
