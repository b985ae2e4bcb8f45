import { ConfigError, loadConfig } from './config/config.js';
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
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      server.close().then(
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
  console.error('DA-KI server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
