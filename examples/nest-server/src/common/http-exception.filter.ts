import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The error body every endpoint returns: no stack traces, a request id to find the log line. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Per-field problems of a rejected body or query. */
  issues?: { field: string; reason: string }[];
  requestId: string;
}

/**
 * Turns every thrown error into an {@link ErrorBody}. Unexpected errors are logged with their stack
 * (server side only) and answered with a generic 500.
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
      if (issues) body.issues = issues;
      if (status >= 500) request.log.error({ err: exception }, 'request failed');
      void reply.status(status).send(body);
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
