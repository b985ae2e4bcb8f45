import { DaKiError } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  InvalidResponseError,
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
  RateLimitedError,
} from './index.js';

describe('provider errors', () => {
  it('are DaKiErrors and ProviderErrors carrying provider and symbol, named in the message', () => {
    const error = new NotFoundError({ provider: 'yahoo', symbol: 'ZZZZ' });
    expect(error).toBeInstanceOf(DaKiError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('NotFoundError');
    expect(error.provider).toBe('yahoo');
    expect(error.symbol).toBe('ZZZZ');
    expect(error.message).toBe('yahoo (ZZZZ): unknown symbol');
    expect(error.retryable).toBe(false);
  });

  it('keep the cause and leave symbol undefined when there is none', () => {
    const cause = new TypeError('fetch failed');
    const error = new ProviderUnavailableError({
      provider: 'alphavantage',
      cause,
      reason: 'connection refused',
    });
    expect(error.cause).toBe(cause);
    expect(error.symbol).toBeUndefined();
    expect(error.message).toBe('alphavantage: connection refused');
    expect(error.retryable).toBe(true);
  });

  it('RateLimitedError reports how long to wait', () => {
    const error = new RateLimitedError({ provider: 'yahoo', symbol: 'MSFT', retryAfterMs: 2000 });
    expect(error.retryAfterMs).toBe(2000);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('yahoo (MSFT): rate limited, retry after 2000 ms');
    expect(new RateLimitedError({ provider: 'x' }).retryAfterMs).toBeUndefined();
  });

  it('InvalidResponseError takes path and reason from the first zod issue', () => {
    const schema = z.object({ chart: z.object({ result: z.array(z.object({ close: z.number() })) }) });
    const parsed = schema.safeParse({ chart: { result: [{ close: 'abc' }] } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = InvalidResponseError.fromZodError(parsed.error, { provider: 'yahoo', symbol: 'MSFT' });
    expect(error.path).toEqual(['chart', 'result', 0, 'close']);
    expect(error.cause).toBe(parsed.error);
    expect(error.message).toMatch(/^yahoo \(MSFT\): invalid response at chart\.result\[0\]\.close: /);
    expect(error.message).toContain(parsed.error.issues[0]?.message);
  });
});
