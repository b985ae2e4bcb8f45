import type { FastifyInstance } from 'fastify';

/** How long a closing server lets its connections finish before it ends them (main.ts exits at 10 s). */
export const DRAIN_DEADLINE_MS = 5_000;

/** Starts the drain when the server closes; `done` once the close has finished. */
export interface ConnectionDrain {
  start(): void;
  done(): void;
}

/**
 * Ends every connection of a closing server, within a deadline.
 *
 * Node's `server.close()` reaps the keep-alive connections that are idle at that moment, but a
 * connection whose request is still in flight turns idle only afterwards and then holds the close
 * open until its keep-alive timeout (72 s in Fastify; longer than the 10 s main.ts allows). Once the
 * drain starts, responses carry `Connection: close`, so each connection ends with its last response.
 *
 * Some connections never become idle in Node's sense and would hold the close open for ever: a
 * client that opened a connection and sent nothing or half a request head (Node counts a connection
 * as busy from its accept until a request is complete), as undici does when a caller left earlier
 * response bodies unread and a slow-loris client does on purpose. After `deadlineMs` every
 * connection left is ended; a request that is still running then loses its answer, which is what the
 * process exit at 10 s would do anyway.
 *
 * The drain starts with close() itself: the Socket.IO gateway stops the shared HTTP server before
 * Fastify's own close hooks run.
 */
export function drainConnectionsOnClose(
  fastify: FastifyInstance,
  deadlineMs = DRAIN_DEADLINE_MS,
): ConnectionDrain {
  let draining = false;
  let deadline: NodeJS.Timeout | undefined;
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (draining) reply.header('Connection', 'close');
    return payload;
  });
  return {
    start() {
      if (draining) return;
      draining = true;
      deadline = setTimeout(() => fastify.server.closeAllConnections(), deadlineMs);
      // The timer must not keep a process alive whose close has nothing left to wait for.
      deadline.unref();
    },
    done() {
      clearTimeout(deadline);
    },
  };
}
