import { closeOnSignals, exitOnStartFailure } from './common/process-lifecycle.js';
import { loadConfig } from './config/config.js';
import { startWorker } from './jobs/start-worker.js';
import { createLogger } from './logging/logger.js';

// Worker process (`npm run worker`): validate the environment, run the BullMQ workers, and on
// SIGTERM / SIGINT finish the jobs in progress before exiting. DATABASE_SCHEMA (optional) selects
// a PostgreSQL schema, as the server's `databaseSchema` option does.
try {
  const config = loadConfig();
  const worker = await startWorker(config, { databaseSchema: process.env.DATABASE_SCHEMA || undefined });
  createLogger(config.logLevel).info({ worker: worker.name }, 'DA-KI worker running');
  closeOnSignals(() => worker.close(), 30_000);
} catch (error) {
  exitOnStartFailure('DA-KI worker', error);
}
