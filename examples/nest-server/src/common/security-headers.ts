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
