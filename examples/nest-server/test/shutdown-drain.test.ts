import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type RunningServer, startServer } from './helpers/compiled.js';

// close() must end even when clients hold connections that never become idle in Node's sense. The
// rate-limit suite's teardown hung for ever on six of them: its fetch calls left response bodies
// unread, so undici opened a fresh connection per request and kept the old ones.

const dataDir = mkdtempSync(join(tmpdir(), 'daki-drain-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startOnPglite(drainDeadlineMs: number): Promise<RunningServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    FORECAST_MODE: 'off',
    SYNTHETIC_SYMBOLS: '20',
  });
  return startServer(config, { drainDeadlineMs });
}

/** A raw TCP connection to the server, with a promise that settles when the server ends it. */
function openConnection(url: string): Promise<{ socket: Socket; ended: Promise<void> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', () => undefined); // a reset on close is expected
    socket.once('connect', () => resolve({ socket, ended }));
    socket.once('error', reject);
  });
}

describe('close() with connections that never turn idle', () => {
  it('ends a silent connection, a half-sent request head and undici connections with unread bodies after the deadline', async () => {
    const server = await startOnPglite(200);
    const silent = await openConnection(server.url);
    const halfHead = await openConnection(server.url);
    halfHead.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Three answers whose bodies nobody reads: undici keeps each connection and opens the next.
    const unread = await Promise.all([1, 2, 3].map(() => fetch(`${server.url}/health`)));
    for (const response of unread) expect(response.status).toBe(200);
    await server.close();
    await Promise.all([silent.ended, halfHead.ended]);
    expect(silent.socket.destroyed && halfHead.socket.destroyed).toBe(true);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  }, 60_000);

  it('still lets a request in flight finish with Connection: close before the deadline', async () => {
    const server = await startOnPglite(30_000);
    const { socket, ended } = await openConnection(server.url);
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    const arrived = new Promise<void>((resolve) =>
      server.app.getHttpServer().once('request', () => resolve()),
    );
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'wrong password, surely' });
    socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await arrived;
    const closed = server.close();
    socket.write(body.slice(10));
    await ended;
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
  }, 60_000);
});
