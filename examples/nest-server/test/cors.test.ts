// CORS is off unless CORS_ORIGIN names the origins; then exactly those get the headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from './helpers/test-server.js';

describe('CORS', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({
      backend: 'pglite',
      label: 'cors',
      env: { CORS_ORIGIN: 'https://app.example.com', SYNTHETIC_SYMBOLS: '20' },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.dispose();
  });

  it('answers a preflight from an allowed origin', async () => {
    const response = await fetch(`${server.url}/api/live-monitoring/add`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('gives no CORS headers to another origin', async () => {
    const response = await fetch(`${server.url}/api/wachstumsprognose/top10`, {
      headers: { origin: 'https://evil.example.com' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
