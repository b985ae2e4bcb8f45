import type { z } from 'zod';
import { DataValidationError } from './errors.js';

/**
 * Parses `value` with a zod schema; on failure throws a {@link DataValidationError} that names the
 * symbol and the path of the first bad field (`news[3].publishedAt`) instead of zod's raw dump.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: { symbol?: string; field: string },
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${where.field}.${issue.path.map(String).join('.')}` : where.field;
  throw new DataValidationError(issue?.message ?? 'invalid value', { symbol: where.symbol, field: path });
}
