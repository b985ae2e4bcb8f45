import { randomUUID } from 'node:crypto';
import {
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';

/**
 * The web dashboard (`/`, `/assets/*`): scripts and styles of its own origin only, no inline code;
 * `connect-src 'self'` covers the REST calls and the Socket.IO WebSocket (same host and port).
 */
const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function isDashboardUrl(url: string): boolean {
  return url === '/' || url.startsWith('/?') || url.startsWith('/assets/');
}

/**
 * The security headers of a response to `url` (what helmet sets, without the dependency): no MIME
 * sniffing, no framing, HSTS, a strict CSP (the API serves JSON; /docs needs inline styles and
 * scripts of its own origin, the dashboard its own scripts and styles), no referrer leaks.
 */
export function securityHeaders(url: string): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Content-Security-Policy': url.startsWith('/docs')
      ? "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
      : isDashboardUrl(url)
        ? DASHBOARD_CSP
        : "default-src 'none'; frame-ancestors 'none'",
  };
}

/** Sets {@link securityHeaders} on every response that goes through Fastify's hooks. */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.headers(securityHeaders(request.url));
    reply.removeHeader('X-Powered-By');
    return payload;
  });
}

/**
 * Sets {@link securityHeaders} on every response of the HTTP server before any handler writes it:
 * the answers Fastify never sees, i.e. every answer of the Socket.IO endpoint (`/socket.io/`,
 * its handshakes, polls and 400s). Call it after the Socket.IO server is attached: engine.io takes
 * over the `request` listeners it finds, and this one must run first. A handler's own headers
 * (Fastify's, with the same values) win over these.
 */
export function secureEveryResponse(server: HttpServer): void {
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of Object.entries(securityHeaders(request.url ?? '')))
      response.setHeader(name, value);
  });
}

/**
 * Fastify's `clientErrorHandler`: the answer to a request Node's HTTP parser refused before any
 * route saw it (431 for headers or a URL over the size limit, 408 for a request too slow, 400 for a
 * malformed one), written to the socket with the security headers and the JSON error body every
 * other error has (Fastify's default sends neither the headers nor a request id).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? 'The request headers or URL are larger than the server accepts'
      : status === 408
        ? 'The request took too long to arrive'
        : 'The request is not valid HTTP';
  const body = JSON.stringify({
    statusCode: status,
    error: STATUS_CODES[status],
    message,
    requestId: randomUUID(),
  });
  const headers = {
    ...securityHeaders(''),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  if (socket.writable) {
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
  }
  socket.destroy(error);
}
