import { z } from 'zod';
import { errorBodySchema, WIRE_ROUTES, type WireBody, type WireRoute } from '../../src/contract/index.js';

/** An answer whose body is not what the wire contract says it is. */
export class WireContractError extends Error {
  override name = 'WireContractError';
}

interface CompiledRoute {
  route: WireRoute;
  pattern: RegExp;
}

// `/api/stocks/{symbol}` → /^\/api\/stocks\/[^/]+$/; static paths first, so a literal segment wins.
const COMPILED: CompiledRoute[] = Object.values(WIRE_ROUTES as Record<string, WireRoute>)
  .map((route) => ({
    route,
    pattern: new RegExp(
      `^${route.path
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}$`,
    ),
  }))
  .sort((a, b) => Number(a.route.path.includes('{')) - Number(b.route.path.includes('{')));

/** The contract's operation for a method and a request path (query string ignored), if any. */
export function wireRoute(method: string, path: string): WireRoute | undefined {
  const pathname = new URL(path, 'http://wire.invalid').pathname;
  const verb = method.toLowerCase();
  return COMPILED.find((c) => c.route.method === verb && c.pattern.test(pathname))?.route;
}

/**
 * Checks one answer against the wire contract and throws {@link WireContractError} naming the
 * request, the status and every field that differs:
 * - a status the operation lists as a success: its schema (strict: an undocumented field fails too),
 *   no body for 204, text for text;
 * - any other 4xx/5xx: the `ErrorBody`, which every error of every path has;
 * - any other 2xx of an API path (`/api/…`, `/health`, `/ready`, `/metrics`): an undocumented answer.
 * Pages and assets outside the API (the dashboard, `/docs`) are not the contract's business.
 */
export function checkWire(method: string, path: string, status: number, text: string, body: unknown): void {
  const route = wireRoute(method, path);
  const request = `${method.toUpperCase()} ${path} → ${status}`;
  const documented: WireBody | undefined = route?.responses[status];
  if (documented) {
    // A text form of the JSON answer (CSV of the stock list) is not parsed as JSON.
    if (body === undefined && route?.textVariants?.[status]) return;
    checkBody(request, documented, text, body);
    return;
  }
  if (status >= 400) {
    checkBody(request, errorBodySchema, text, body);
    return;
  }
  const pathname = new URL(path, 'http://wire.invalid').pathname;
  const isApi = /^\/(api\/|health$|ready$|metrics$)/.test(pathname);
  if (isApi && (route || status < 300))
    throw new WireContractError(
      `${request}: not an answer the wire contract documents (src/contract/routes.ts)`,
    );
}

function checkBody(request: string, expected: WireBody, text: string, body: unknown): void {
  if ('empty' in expected) {
    if (text !== '')
      throw new WireContractError(`${request}: documented without a body, got ${text.slice(0, 200)}`);
    return;
  }
  if ('text' in expected) return;
  if (body === undefined) throw new WireContractError(`${request}: expected JSON, got ${text.slice(0, 200)}`);
  const result = expected.safeParse(body);
  if (!result.success)
    throw new WireContractError(
      `${request}: the body differs from the wire contract:\n${z.prettifyError(result.error)}`,
    );
}
