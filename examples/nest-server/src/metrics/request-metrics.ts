import type { FastifyInstance } from 'fastify';
import type { AuthUser } from '../auth/auth-user.js';
import type { ServerMetrics } from './server-metrics.js';

/**
 * Counts every response in `api_requests_total` and `request_duration_seconds`, labelled with the
 * route pattern (`/api/stocks/:symbol`, never the raw URL, so a crawler cannot create a series per
 * path), and feeds `active_users` from requests that {@link JwtAuthGuard} authenticated.
 * Register before the app starts listening, so the hook covers every route.
 */
export function registerRequestMetrics(fastify: FastifyInstance, metrics: ServerMetrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    const user = (request as { user?: AuthUser }).user;
    if (user) metrics.userSeen(user.id);
  });
}
