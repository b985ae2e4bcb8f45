import { afterAll, beforeAll } from 'vitest';
import type { Top10Response } from '../../../src/contract/index.js';
import { ApiClient } from '../api-client.js';
import { type Backend, TestServer } from '../test-server.js';

/** What every end-to-end suite gets: the backend, the running server, an anonymous client. */
export interface E2EContext {
  readonly backend: Backend;
  readonly server: TestServer;
  /** No token; `.as(token)` for a signed-in one. Every client made from it shares `api.errors`. */
  readonly api: ApiClient;
  /** The current top 10 (public, no token). */
  top10(): Promise<Top10Response>;
}

/** Starting a server scores the whole universe once: generous on a busy two-core machine. */
const START_TIMEOUT_MS = 180_000;

/** Starts one server for the enclosing describe block (shared by its suites) and disposes of it afterwards. */
export function useE2EServer(backend: Backend, label: string, env?: Record<string, string>): E2EContext {
  let server: TestServer | undefined;
  const api = new ApiClient(() => context.server.url);
  const context: E2EContext = {
    backend,
    api,
    get server(): TestServer {
      if (!server) throw new Error(`the ${backend} server did not start`);
      return server;
    },
    async top10() {
      const response = await api.get<Top10Response>('/api/wachstumsprognose/top10');
      if (response.status !== 200) throw new Error(`top10 answered ${response.status}: ${response.text}`);
      return response.body;
    },
  };
  beforeAll(async () => {
    server = await TestServer.start({ backend, label, env });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await server?.dispose();
  }, 60_000);
  return context;
}
