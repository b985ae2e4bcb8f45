// End to end over HTTP against a real server deployed as in production: the real PostgreSQL at
// DATABASE_URL (a schema of its own) and the real Redis at REDIS_URL (L2 cache, rate-limit counters
// and queues, under a key prefix of its own).
import { endToEndSpec } from './helpers/e2e/spec.js';

endToEndSpec('postgres', { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
