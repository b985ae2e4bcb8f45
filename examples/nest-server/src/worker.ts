import { ConfigError, loadConfig } from './config/config.js';
import { startWorker } from './jobs/start-worker.js';

// Worker process (`npm run worker`): validate the environment, run the BullMQ workers, and on
// SIGTERM / SIGINT finish the jobs in progress before exiting. DATABASE_SCHEMA (optional) selects
// a PostgreSQL schema, as the server's `databaseSchema` option does.
try {
  const config = loadConfig();
  const worker = await startWorker(config, { databaseSchema: process.env.DATABASE_SCHEMA || undefined });
  if (config.logLevel !== 'silent')
    console.log(JSON.stringify({ msg: 'DA-KI worker running', worker: worker.name }));
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      const force = setTimeout(() => process.exit(1), 30_000);
      force.unref();
      worker.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  console.error('DA-KI worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
