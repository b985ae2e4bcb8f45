// A lighter client process for the WebSocket benchmark (forked by run.ts, WS_BENCH_CLIENT=raw, the
// default): the same IPC protocol as client.ts, but each connection is a bare `ws` socket speaking
// Engine.IO v4 / Socket.IO v5 by hand, so that the client processes, which share the machine's
// cores with the servers, spend as little CPU per message as they can and the benchmark measures the
// servers rather than socket.io-client.
//
// Per connection: the Engine.IO open packet (`0{…}`), the namespace connect (`40` → `40{…}`), one
// `subscribe` with an ack (`420[…]` → `430[…]`), pings answered (`2` → `3`). A `price:update` frame
// (`42["price:update",{…,"tick":…,"ts":…},…]`) is read without a JSON parse: `tick` and `ts` are the
// numbers after their keys in the frame's bytes. Lost and duplicated broadcasts are counted exactly as
// client.ts counts them.
import WebSocket from 'ws';
import type { FromClient, ToClient } from './client.js';

/** `42["price:update",` — a Socket.IO EVENT on the default namespace named price:update. */
const PRICE_PREFIX = Buffer.from('42["price:update",');
const TICK_KEY = Buffer.from('"tick":');
const TS_KEY = Buffer.from('"ts":');
const PONG = '3';
const CHAR_0 = 0x30;
const CHAR_2 = 0x32;
const CHAR_4 = 0x34;
const CHAR_DOT = 0x2e;

const sockets: WebSocket[] = [];
const seen: Set<number>[] = [];
const latencies: number[] = [];
let disconnects = 0;
let duplicates = 0;
let lastError: string | undefined;
const send = (message: FromClient) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

/**
 * The number written in `frame` right after `key` (digits, optionally a fraction; no sign or exponent,
 * which epoch milliseconds and broadcast ids never have); NaN when the key is absent.
 */
export function numberAfter(frame: Buffer, key: Buffer): number {
  const at = frame.indexOf(key);
  if (at < 0) return Number.NaN;
  let k = at + key.length;
  let whole = 0;
  let digits = 0;
  for (; k < frame.length; k++, digits++) {
    const c = (frame[k] as number) - CHAR_0;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (digits === 0) return Number.NaN;
  if (frame[k] !== CHAR_DOT) return whole;
  let fraction = 0;
  let scale = 1;
  for (k++; k < frame.length; k++) {
    const c = (frame[k] as number) - CHAR_0;
    if (c < 0 || c > 9) break;
    fraction = fraction * 10 + c;
    scale *= 10;
  }
  return whole + fraction / scale;
}

function open(url: string, index: number, symbol: string): Promise<boolean> {
  const endpoint = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  return new Promise((resolve) => {
    const ws = new WebSocket(endpoint, { perMessageDeflate: false, skipUTF8Validation: true });
    const ticks = new Set<number>();
    let state: 'opening' | 'connecting' | 'subscribing' | 'subscribed' = 'opening';
    let settled = false;
    const fail = (reason: string) => {
      lastError ??= reason;
      if (!settled) {
        settled = true;
        ws.terminate();
        resolve(false);
      }
    };
    ws.on('message', (data: Buffer) => {
      const type = data[0];
      if (
        type === CHAR_4 &&
        data.length > PRICE_PREFIX.length &&
        PRICE_PREFIX.compare(data, 0, PRICE_PREFIX.length) === 0
      ) {
        const tick = numberAfter(data, TICK_KEY);
        latencies.push(now() - numberAfter(data, TS_KEY));
        if (ticks.has(tick)) duplicates++;
        ticks.add(tick);
        return;
      }
      if (type === CHAR_2 && data.length === 1) {
        ws.send(PONG);
        return;
      }
      const text = data.toString();
      if (state === 'opening' && text.startsWith('0{')) {
        state = 'connecting';
        ws.send('40');
      } else if (state === 'connecting' && text.startsWith('40')) {
        state = 'subscribing';
        ws.send(`420${JSON.stringify(['subscribe', { symbols: [symbol] }])}`);
      } else if (state === 'connecting' && text.startsWith('44')) {
        fail(`connect_error: ${text.slice(2)}`);
      } else if (state === 'subscribing' && text.startsWith('430')) {
        const [ack] = JSON.parse(text.slice(3)) as [{ ok: boolean; error?: string }];
        if (!ack.ok) return fail(`subscribe refused: ${ack.error}`);
        state = 'subscribed';
        sockets[index] = ws;
        seen[index] = ticks;
        settled = true;
        resolve(true);
      }
    });
    ws.on('close', () => {
      if (state === 'subscribed') disconnects++;
      else fail(`closed during ${state}`);
    });
    ws.on('error', (error) => fail(error.message));
  });
}

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
      held: sockets.filter((s) => s?.readyState === WebSocket.OPEN).length,
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
