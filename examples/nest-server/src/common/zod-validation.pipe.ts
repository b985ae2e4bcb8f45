import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Validates a body, query or param with a zod schema; a bad one is a 400 that names each field
 * and the reason (`{ issues: [{ field: 'shares', reason: 'must be greater than 0' }] }`).
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly what = 'body',
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = result.error.issues.flatMap((issue) => {
      const at = issue.path.map(String);
      // An unknown key is reported by the object that holds it: name the key itself, one issue each.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({
          field: [...at, key].join('.'),
          reason: 'is not an accepted field',
        }));
      }
      return [{ field: at.length ? at.join('.') : this.what, reason: issue.message }];
    });
    throw new BadRequestException({
      message: `Invalid ${this.what}: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`,
      issues,
    });
  }
}
