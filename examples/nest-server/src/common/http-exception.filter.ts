import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../contract/common.js';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';

/**
 * Fastify's body parser rejects a request before any pipe sees it; Nest hands its error over as the
 * cause of an HttpException. Named here so such a 400/413/415 names the field (`body`) and the reason,
 * as every other rejected body does.
 */
const BODY_PARSE_PROBLEMS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'must be valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'must not be empty when content-type is application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'is larger than the server accepts',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'content-type must be application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'does not match its Content-Length',
};

/**
 * Seconds a client is asked to wait (`Retry-After`) when the database is unreachable: about what a
 * PostgreSQL restart or fail-over takes.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Turns every thrown error into an {@link ErrorBody}. A database outage is a 503 with `Retry-After`
 * (transient: the same request will succeed later); other unexpected errors are logged with their
 * stack (server side only) and answered with a generic 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = String(request.id);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const body: ErrorBody = {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message:
          typeof response === 'string'
            ? response
            : String((response as { message?: unknown }).message ?? exception.message),
        requestId,
      };
      const issues =
        typeof response === 'object' ? (response as { issues?: ErrorBody['issues'] }).issues : undefined;
      const bodyProblem = BODY_PARSE_PROBLEMS[(exception.cause as { code?: string } | undefined)?.code ?? ''];
      if (issues) body.issues = issues;
      else if (bodyProblem) body.issues = [{ field: 'body', reason: bodyProblem }];
      if (status >= 500) request.log.error({ err: exception }, 'request failed');
      void reply.status(status).send(body);
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      // Expected during an outage and answered as such: not an error of this request's code.
      request.log.info({ reason: (exception as Error).message }, 'database unavailable');
      void reply
        .status(503)
        .header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
        .send({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'The database is unavailable; retry after a few seconds.',
          requestId,
        } satisfies ErrorBody);
      return;
    }
    request.log.error({ err: exception }, 'unhandled error');
    void reply.status(500).send({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; the request id identifies it in the logs.',
      requestId,
    } satisfies ErrorBody);
  }
}
