import { describe, expect, it } from 'vitest';
import { NotFoundError, ProviderError, RateLimitedError } from '../errors/index.js';
import { classifyApiMessage } from './api-messages.js';

const context = {
  provider: 'alphavantage',
  symbol: 'IBM',
  fn: 'TIME_SERIES_DAILY',
  apiKey: 'K3Y',
  msUntilMidnightUtc: 5000,
};

describe('classifyApiMessage', () => {
  it('leaves data alone', () => {
    expect(classifyApiMessage({ 'Meta Data': {}, 'Time Series (Daily)': {} }, context)).toBeUndefined();
    expect(classifyApiMessage([], context)).toBeUndefined();
    expect(classifyApiMessage(null, context)).toBeUndefined();
  });

  it('tells the per-minute, daily and burst limits apart', () => {
    const minute = classifyApiMessage(
      {
        Note: 'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day.',
      },
      context,
    );
    expect(minute).toMatchObject({ kind: 'rate-limited', daily: false });
    expect((minute!.error as RateLimitedError).retryAfterMs).toBe(60_000);

    const daily = classifyApiMessage(
      {
        Information:
          'We have detected your API key as K3Y and our standard API rate limit is 25 requests per day.',
      },
      context,
    );
    expect(daily).toMatchObject({ kind: 'rate-limited', daily: true });
    expect((daily!.error as RateLimitedError).retryAfterMs).toBe(5000);
    expect(daily?.error.message).not.toContain('K3Y');

    const burst = classifyApiMessage(
      {
        Information:
          'Burst pattern detected: Please consider spreading out your free API requests more sparingly (1 request per second). You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to lift the free key rate limit (25 requests per day).',
      },
      context,
    );
    expect((burst!.error as RateLimitedError).retryAfterMs).toBe(1000);
  });

  it('explains premium-only parameters', () => {
    const verdict = classifyApiMessage(
      {
        Information:
          'Thank you for using Alpha Vantage! The **outputsize=full** parameter value is a premium feature for the TIME_SERIES_DAILY endpoint. You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly unlock all premium features',
      },
      context,
    );
    expect(verdict?.kind).toBe('error');
    expect(verdict?.error.message).toMatch(
      /outputsize=full needs a premium key: use \{ outputSize: 'compact' \}/,
    );
  });

  it('maps "Invalid API call" to NotFoundError and anything else to ProviderError', () => {
    expect(
      classifyApiMessage({ 'Error Message': 'Invalid API call. Please retry.' }, context)?.error,
    ).toBeInstanceOf(NotFoundError);
    const other = classifyApiMessage({ Information: 'The service is under maintenance.' }, context)?.error;
    expect(other).toBeInstanceOf(ProviderError);
    expect(other).not.toBeInstanceOf(RateLimitedError);
    expect(other?.message).toBe(
      'alphavantage (IBM): Alpha Vantage says: "The service is under maintenance."',
    );
  });
});
