import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Lets a `DELETE` carry `content-type: application/json` with an empty body: many HTTP clients send
 * that header on every request, and a DELETE has nothing to say in a body. Fastify's JSON parser
 * answers 400 for an empty body; this parser hands the route no body instead, for DELETE only
 * (a POST or PATCH without its body is still refused, by the parser or the route's schema). Any
 * other JSON is parsed by Fastify's own parser (prototype-poisoning checks included).
 */
export function acceptEmptyJsonOnDelete(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: fastify.initialConfig.bodyLimit },
    (request, body, done) => {
      if (request.method === 'DELETE' && body.length === 0) {
        done(null, undefined);
        return;
      }
      parseJson(request, body as string, done);
    },
  );
}

/** Installs {@link acceptEmptyJsonOnDelete} once Nest has registered its body parsers (module init, before listening). */
@Injectable()
export class EmptyJsonBodies implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance: unknown = this.adapterHost.httpAdapter?.getInstance();
    // Only the Fastify server has content-type parsers (a worker process has no HTTP server).
    if (instance && typeof (instance as FastifyInstance).addContentTypeParser === 'function')
      acceptEmptyJsonOnDelete(instance as FastifyInstance);
  }
}
