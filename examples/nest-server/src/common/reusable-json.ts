import type { FastifyInstance } from 'fastify';

/** Bodies that are served many times unchanged, and their JSON once serialised, as UTF-8 bytes. */
const reusable = new WeakSet<object>();
const serialised = new WeakMap<object, Buffer>();

/**
 * Marks a response body that is served unchanged to many requests (the top 10 and stock details of
 * one scoring run): its JSON is produced on its first response and reused, not serialised again for
 * every request. The body must not be mutated afterwards. Returns `body`.
 */
export function reusableJson<T extends object>(body: T): T {
  reusable.add(body);
  return body;
}

/**
 * Fastify's reply serializer for every route: JSON.stringify (what Fastify does for a route without
 * a response schema), with the bytes of {@link reusableJson} bodies kept for their next response.
 * Kept as a Buffer, not a string: a string is encoded to UTF-8 again for every response (and
 * measured for Content-Length), which was 16 % of the server's CPU under top-10 load; Fastify
 * writes a Buffer as it is.
 */
export function registerReusableJson(fastify: FastifyInstance): void {
  fastify.setReplySerializer((payload) => {
    if (typeof payload !== 'object' || payload === null || !reusable.has(payload))
      return JSON.stringify(payload);
    let bytes = serialised.get(payload);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(payload), 'utf8');
      serialised.set(payload, bytes);
    }
    // Fastify's type says string; its send path takes a Buffer as well (content-length from its length).
    return bytes as unknown as string;
  });
}
