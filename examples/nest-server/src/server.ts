import 'reflect-metadata';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module.js';
import { DRAIN_DEADLINE_MS, drainConnectionsOnClose } from './common/connection-drain.js';
import { AllExceptionsFilter } from './common/http-exception.filter.js';
import { registerReusableJson } from './common/reusable-json.js';
import {
  answerClientError,
  registerSecurityHeaders,
  secureEveryResponse,
  securityHeaders,
} from './common/security-headers.js';
import type { AppConfig } from './config/config.js';
import { serveOpenApiDocument } from './contract/openapi-document.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createLogger, requestId } from './logging/logger.js';
import { NestPinoLogger } from './logging/nest-pino-logger.js';
import { registerRequestMetrics } from './metrics/request-metrics.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { registerDashboard } from './web/dashboard-routes.js';

/** A started server. */
export interface RunningServer {
  app: NestFastifyApplication;
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** This server's Prometheus metrics (also served at `/metrics`). */
  metrics: ServerMetrics;
  /**
   * Graceful stop: new requests are refused, requests in flight finish (connections still open
   * after {@link DRAIN_DEADLINE_MS} are ended), then Redis and the database are closed (Nest's
   * shutdown sequence). Safe to call more than once.
   */
  close(): Promise<void>;
}

/** Options for tests: an isolated PostgreSQL schema (Redis keys are isolated by REDIS_PREFIX). */
export interface ServerOverrides {
  databaseSchema?: string;
  /** How long close() waits for connections before it ends them (default {@link DRAIN_DEADLINE_MS}). */
  drainDeadlineMs?: number;
}

/** Opens the database, migrates it, builds the Nest app on Fastify and starts listening. */
export async function startServer(
  config: AppConfig,
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: log,
    genReqId: requestId,
    // Only when configured: trusting X-Forwarded-For from anyone would let clients pick their IP.
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    // Requests Node's HTTP parser refuses (431, 400) are answered with the security headers too.
    clientErrorHandler: answerClientError,
    // Errors Fastify's router answers itself (an over-long path parameter, a malformed URL) get
    // the same body as every other error: no echo of the URL, a request id, security headers.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const statusCode = (error as { statusCode?: number }).statusCode ?? 400;
      // The router answers before any hook runs, so the security headers are set here.
      void reply
        .code(statusCode)
        .headers(securityHeaders(request.url))
        .send({
          statusCode,
          error: STATUS_CODES[statusCode] ?? 'Error',
          message: statusCode === 414 ? 'The request URL is too long' : 'The request URL is malformed',
          requestId: String(request.id),
        });
    },
  });
  const drain = drainConnectionsOnClose(adapter.getInstance(), overrides.drainDeadlineMs);
  const metrics = new ServerMetrics();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
    schema: overrides.databaseSchema,
    onQuery: (seconds) => metrics.observeQuery(seconds),
  });
  let app: NestFastifyApplication | undefined;
  try {
    await migrate(database);
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, { database, metrics }),
      adapter,
      // Nest's own lines (and every `new Logger(context)`) as JSON through the same pino logger.
      { logger: new NestPinoLogger(log), bufferLogs: false },
    );
    app.useGlobalFilters(new AllExceptionsFilter());
    if (config.corsOrigins) app.enableCors({ origin: config.corsOrigins, credentials: false });
    const fastify = app.getHttpAdapter().getInstance();
    registerSecurityHeaders(fastify);
    registerReusableJson(fastify);
    registerRequestMetrics(fastify, metrics);
    registerDashboard(fastify);
    serveOpenApiDocument(app);
    await app.listen({ port: config.port, host: config.host });
    // After listen: the Socket.IO server is attached by now, and its answers need the headers too.
    secureEveryResponse(app.getHttpServer());
  } catch (error) {
    // A failed start (bad migration, port in use) must not leave the database or Redis open.
    if (app) await app.close().catch(() => undefined);
    else await database.close().catch(() => undefined);
    throw error;
  }
  const started = app;
  const address = started.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  for (const notice of config.notices) started.getHttpAdapter().getInstance().log.warn(notice);
  let closing: Promise<void> | undefined;
  // Signals are main.ts's business (it calls close()), not Nest's enableShutdownHooks: app.close()
  // runs the same lifecycle hooks, and one handler cannot race another. Nest runs its shutdown
  // sequence again on a second close() once the first has settled, and closing the database twice
  // fails: remember the first.
  const close = () => {
    drain.start();
    closing ??= started.close().finally(() => drain.done());
    return closing;
  };
  return { app: started, url, metrics, close };
}
