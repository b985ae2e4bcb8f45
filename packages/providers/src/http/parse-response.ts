import type { z } from 'zod';
import {
  InvalidResponseError,
  NotFoundError,
  ProviderError,
  type ProviderErrorContext,
} from '../errors/index.js';
import type { HttpResponse } from './http-client.js';

/**
 * Parses a JSON body and validates it with `schema`. Malformed JSON and schema mismatches become an
 * {@link InvalidResponseError}; a mismatch names the path of the first bad value
 * (`chart.result[0].timestamp[3]`). Nothing unvalidated leaves this function.
 */
export function parseJsonBody<S extends z.ZodType>(
  body: string,
  schema: S,
  context: ProviderErrorContext,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    const snippet = body.length > 60 ? `${body.slice(0, 60)}…` : body;
    throw new InvalidResponseError({
      ...context,
      cause,
      reason: `malformed JSON (${(cause as Error).message}); body starts ${JSON.stringify(snippet)}`,
    });
  }
  return validateWith(schema, json, context);
}

/** Validates an already-parsed value with `schema`, throwing {@link InvalidResponseError} with the path. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: ProviderErrorContext,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw InvalidResponseError.fromZodError(result.error, context);
}

/**
 * The error for a status the provider did not expect: 404 is a {@link NotFoundError}, anything
 * else a {@link ProviderError} naming the status and the start of the body.
 */
export function unexpectedStatusError(response: HttpResponse, context: ProviderErrorContext): ProviderError {
  if (response.status === 404) {
    return new NotFoundError({ ...context, reason: `not found (HTTP 404 from ${response.url})` });
  }
  const snippet = response.body.replace(/\s+/g, ' ').slice(0, 120);
  return new ProviderError(`HTTP ${response.status} from ${response.url}: ${snippet}`, context);
}
