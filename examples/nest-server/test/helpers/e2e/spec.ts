import { describe } from 'vitest';
import type { Backend } from '../test-server.js';
import { authSuite } from './auth.js';
import { badBodiesSuite } from './bad-bodies.js';
import { useE2EServer } from './context.js';
import { gdprSuite } from './gdpr.js';
import { hygieneSuite } from './hygiene.js';
import { journeySuite } from './journey.js';
import { marketSuite } from './market.js';
import { ownershipSuite } from './ownership.js';
import { restartSuite } from './restart.js';

/**
 * The end-to-end specification of the server, run against one real server on `backend` (one test
 * file per backend, so the two run in parallel). Order matters at the end: the hygiene suite reads
 * the errors all earlier suites provoked, and the restart suite replaces the server.
 */
export function endToEndSpec(backend: Backend, env?: Record<string, string>): void {
  const name = `${backend === 'pglite' ? 'PGlite' : 'PostgreSQL'}${env?.REDIS_URL ? ' and Redis' : ''}`;
  describe(`end to end on ${name}`, () => {
    const ctx = useE2EServer(backend, `e2e_${backend}`, env);
    marketSuite(ctx);
    journeySuite(ctx);
    authSuite(ctx);
    ownershipSuite(ctx);
    badBodiesSuite(ctx);
    gdprSuite(ctx);
    hygieneSuite(ctx);
    restartSuite(ctx);
  });
}
