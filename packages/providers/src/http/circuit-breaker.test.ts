import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from '../errors/index.js';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.js';
import { VirtualClock } from './testing/virtual-clock.js';

describe('CircuitBreaker', () => {
  it('stays closed while failures are not consecutive', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, clock: new VirtualClock() });
    for (let i = 0; i < 10; i++) {
      breaker.enter().failure();
      breaker.enter().failure();
      breaker.enter().success();
    }
    expect(breaker.state).toBe('closed');
  });

  it('goes closed → open → half-open → closed, reporting each change', async () => {
    const clock = new VirtualClock();
    const changes: [CircuitState, CircuitState][] = [];
    const breaker = new CircuitBreaker({
      failureThreshold: 2,
      cooldownMs: 1000,
      provider: 'yahoo',
      clock,
      onStateChange: (state, previous) => changes.push([previous, state]),
    });
    breaker.enter().failure();
    breaker.enter().failure();
    expect(() => breaker.enter('MSFT')).toThrow(ProviderUnavailableError);
    expect(() => breaker.enter('MSFT')).toThrow(
      /yahoo \(MSFT\): circuit breaker open .* next trial in 1000 ms/,
    );
    await clock.advance(999);
    expect(breaker.state).toBe('open');
    await clock.advance(1);
    const trial = breaker.enter();
    expect(breaker.state).toBe('half-open');
    expect(() => breaker.enter()).toThrow(/next trial in 0 ms/); // the trial is still out
    trial.success();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
  });

  it('re-opens for a full cool-down when the trial fails; an abandoned trial frees the slot', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 500, clock });
    breaker.enter().failure();
    await clock.advance(500);
    breaker.enter().abandon();
    const trial = breaker.enter();
    trial.failure();
    expect(breaker.state).toBe('open');
    await clock.advance(499);
    expect(() => breaker.enter()).toThrow(/next trial in 1 ms/);
  });

  it('counts each ticket once', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, clock: new VirtualClock() });
    const ticket = breaker.enter();
    ticket.failure();
    ticket.failure();
    expect(breaker.state).toBe('closed');
  });
});
