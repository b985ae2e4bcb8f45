import type { FastifyInstance } from 'fastify';

/** Bodies that are served many times unchanged, and their JSON once serialised. */
const reusable = new WeakSet<object>();
const serialised = new WeakMap<object, string>();

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
 */
export function registerReusableJson(fastify: FastifyInstance): void {
  fastify.setReplySerializer((payload) => {
    if (typeof payload !== 'object' || payload === null || !reusable.has(payload))
      return JSON.stringify(payload);
    let json = serialised.get(payload);
    if (json === undefined) {
      json = JSON.stringify(payload);
      serialised.set(payload, json);
    }
    return json;
  });
}
