import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Resolves after `ms` (for bounded polling loops; never to wait for an event a test could await). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` every `everyMs` until it returns a value other than `undefined`, at most
 * `attempts` times; throws naming `what` when it never does.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { attempts = 100, everyMs = 200 }: { attempts?: number; everyMs?: number } = {},
): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await pause(everyMs);
  }
  throw new Error(
    `${what}: not reached after ${attempts} attempts every ${everyMs} ms${last ? ` (last error: ${(last as Error).message})` : ''}`,
  );
}
