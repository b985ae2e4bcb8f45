import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fixture server saw it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** Writes the response for one request; may never answer (to test timeouts). */
export type FixtureHandler = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1 with a random port, recording what it receives. */
export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[];
  /** Number of requests received for a path. */
  hits(path: string): number;
  /** Most requests that were open at the same time. */
  readonly maxConcurrent: number;
  /** Stops the server, cutting connections that are still waiting. */
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1, port 0, answering with `handler`. */
export async function startFixtureServer(handler: FixtureHandler): Promise<FixtureServer> {
  const requests: ReceivedRequest[] = [];
  let open = 0;
  let maxConcurrent = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    requests.push(received);
    open++;
    maxConcurrent = Math.max(maxConcurrent, open);
    res.on('close', () => open--);
    Promise.resolve(handler(received, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    get maxConcurrent() {
      return maxConcurrent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `body` as JSON (a string is sent as is, so malformed JSON can be served). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
  response.end(text);
}

/** Sends a text body with the given content type. */
export function sendText(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain;charset=utf-8',
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': contentType, ...headers });
  response.end(body);
}

/** Reads a fixture file next to a test: `readFixture(import.meta.url, 'fixtures/x.json')`. */
export function readFixture(base: string, relativePath: string): string {
  return readFileSync(new URL(relativePath, base), 'utf8');
}

/** Resolves after `ms` real milliseconds (server-side delays in tests). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
