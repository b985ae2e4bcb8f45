import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/http-exception.filter.js';
import { registerSecurityHeaders } from './common/security-headers.js';
import type { AppConfig } from './config/config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { loggerOptions, requestId } from './logging/logger.js';

/** A started server. */
export interface RunningServer {
  app: NestFastifyApplication;
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  close(): Promise<void>;
}

/** Options for tests: an isolated PostgreSQL schema, a port. */
export interface ServerOverrides {
  databaseSchema?: string;
}

/** Opens the database, migrates it, builds the Nest app on Fastify and starts listening. */
export async function startServer(config: AppConfig, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const adapter = new FastifyAdapter({
    logger: loggerOptions(config.logLevel),
    genReqId: requestId,
    trustProxy: false,
    bodyLimit: 64 * 1024,
  });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
    schema: overrides.databaseSchema,
  });
  await migrate(database);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, database), adapter, {
    logger: config.logLevel === 'silent' ? false : ['error', 'warn'],
    bufferLogs: false,
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  registerSecurityHeaders(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('DA-KI reference server')
      .setDescription('Growth scores, forecasts and live portfolio monitoring over the DA-KI SDK.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  for (const notice of config.notices) app.getHttpAdapter().getInstance().log.warn(notice);
  return { app, url, close: () => app.close() };
}
