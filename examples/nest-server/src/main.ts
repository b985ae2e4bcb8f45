import { closeOnSignals, exitOnStartFailure } from './common/process-lifecycle.js';
import { loadConfig } from './config/config.js';
import { startServer } from './server.js';

// Entry point: validate the environment, start, and shut down gracefully on SIGTERM / SIGINT.
try {
  const config = loadConfig();
  const server = await startServer(config);
  const log = server.app.getHttpAdapter().getInstance().log;
  log.info(
    {
      url: server.url,
      database: config.databaseUrl ? 'postgres' : 'pglite',
      redis: Boolean(config.redisUrl),
    },
    'DA-KI server listening',
  );
  closeOnSignals(server.close, 10_000, (signal) => log.info({ signal }, 'shutting down'));
} catch (error) {
  exitOnStartFailure('DA-KI server', error);
}
