import { randomUUID } from 'node:crypto';
import { type Logger, type LoggerOptions, pino } from 'pino';

/**
 * The process's one logger: JSON lines on stdout for an ELK-style pipeline. Fastify writes its
 * request lines through it (each carries its `reqId`) and Nest's logger is routed to it
 * (`NestPinoLogger`); credentials and personal data are redacted, never written.
 */
export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

/** The options of {@link createLogger}. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'da-ki-server' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.email',
        '*.access_token',
        'password',
        'email',
        'access_token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // Only what an operator needs: no query strings (they may hold personal data), no bodies.
      req: (req: { method: string; url: string; routeOptions?: { url?: string }; ip?: string }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? req.url.split('?')[0],
      }),
    },
  };
}

/** Request ids: taken from a well-formed `x-request-id` header, else generated. */
export function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}
