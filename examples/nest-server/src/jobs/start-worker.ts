import 'reflect-metadata';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createLogger } from '../logging/logger.js';
import { NestPinoLogger } from '../logging/nest-pino-logger.js';
import { QueueWorkers } from './queue-workers.js';
import { WorkerModule } from './worker.module.js';

/** A started worker process. */
export interface RunningWorker {
  app: INestApplicationContext;
  /** The name the worker leaves on the jobs it processes (`job.processedBy`). */
  name: string;
  /** Stops taking jobs, finishes the ones in progress, closes Redis and the database. */
  close(): Promise<void>;
}

/** Options for tests: an isolated PostgreSQL schema. */
export interface WorkerOverrides {
  databaseSchema?: string;
}

/**
 * Starts a worker: the database (migrated, as a server would), the analysis service and the BullMQ
 * workers. It listens on no port. Needs `REDIS_URL`.
 */
export async function startWorker(
  config: AppConfig,
  overrides: WorkerOverrides = {},
): Promise<RunningWorker> {
  if (!config.redisUrl) throw new Error('REDIS_URL: required by the worker (its queues live in Redis)');
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
    schema: overrides.databaseSchema,
  });
  let app: INestApplicationContext | undefined;
  try {
    await migrate(database);
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, database), {
      logger: new NestPinoLogger(createLogger(config.logLevel)),
    });
    await app.init();
  } catch (error) {
    if (app) await app.close().catch(() => undefined);
    else await database.close().catch(() => undefined);
    throw error;
  }
  const started = app;
  let closing: Promise<void> | undefined;
  return {
    app: started,
    name: started.get(QueueWorkers).name,
    close: () => {
      closing ??= started.close();
      return closing;
    },
  };
}
