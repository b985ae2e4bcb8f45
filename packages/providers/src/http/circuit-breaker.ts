import { InvalidArgumentError } from '@da-ki/sdk';
import { ProviderUnavailableError } from '../errors/index.js';
import { type Clock, systemClock } from './clock.js';

/** State of a {@link CircuitBreaker}. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Settings of a {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial request is let through. Default 30 s. */
  cooldownMs?: number;
  /** Provider name for the errors. */
  provider?: string;
  /** Time source (tests pass a virtual clock). */
  clock?: Clock;
  /** Called on every state change, e.g. to log or export a metric. */
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
}

/**
 * Thrown instead of sending a request while the circuit is open (or while the half-open trial is
 * still out). It is a `ProviderUnavailableError`, so fallbacks move on; retry loops stop on it.
 */
export class CircuitOpenError extends ProviderUnavailableError {
  override name = 'CircuitOpenError';
  /** Milliseconds until the breaker lets a trial request through. */
  readonly retryAfterMs: number;

  constructor(provider: string, symbol: string | undefined, retryAfterMs: number) {
    super({
      provider,
      symbol,
      reason: `circuit breaker open after repeated failures; next trial in ${Math.max(0, Math.ceil(retryAfterMs))} ms`,
    });
    this.retryAfterMs = Math.max(0, retryAfterMs);
  }
}

/** The outcome of one request let through by {@link CircuitBreaker.enter}; report exactly one. */
export interface BreakerTicket {
  /** The provider answered (any answer that is not a server failure). */
  success(): void;
  /** Network error, timeout or HTTP 5xx. */
  failure(): void;
  /** The request was never sent (e.g. refused by the rate limiter): no verdict. */
  abandon(): void;
}

/**
 * Circuit breaker (Nygard, "Release It!"): closed until `failureThreshold` consecutive failures,
 * then open — requests fail fast with {@link CircuitOpenError} instead of piling onto a provider
 * that is down — until `cooldownMs` has passed; then half-open, letting exactly one trial through.
 * The trial's success closes the circuit, its failure opens it for another cool-down.
 */
export class CircuitBreaker {
  readonly provider: string;
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly clock: Clock;
  private readonly onStateChange: CircuitBreakerOptions['onStateChange'];
  private currentState: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) {
      throw new InvalidArgumentError(
        'failureThreshold',
        `must be an integer >= 1, got ${this.failureThreshold}`,
      );
    }
    if (!(this.cooldownMs >= 0))
      throw new InvalidArgumentError('cooldownMs', `must be >= 0, got ${this.cooldownMs}`);
    this.provider = options.provider ?? 'http';
    this.clock = options.clock ?? systemClock;
    this.onStateChange = options.onStateChange;
  }

  /** The state now (an open circuit whose cool-down has passed reports `half-open`). */
  get state(): CircuitState {
    if (this.currentState === 'open' && this.cooldownLeft() <= 0) return 'half-open';
    return this.currentState;
  }

  /**
   * Asks to send one request. Throws {@link CircuitOpenError} when the circuit is open, or
   * half-open with its trial already out; otherwise returns the ticket to report the outcome on.
   */
  enter(symbol?: string): BreakerTicket {
    if (this.currentState === 'open') {
      const left = this.cooldownLeft();
      if (left > 0) throw new CircuitOpenError(this.provider, symbol, left);
      this.transition('half-open');
    }
    if (this.currentState === 'half-open') {
      if (this.trialInFlight) throw new CircuitOpenError(this.provider, symbol, 0);
      this.trialInFlight = true;
      return this.ticket(true);
    }
    return this.ticket(false);
  }

  private ticket(isTrial: boolean): BreakerTicket {
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'abandon') => {
      if (settled) return;
      settled = true;
      if (isTrial) this.trialInFlight = false;
      if (outcome === 'success') this.recordSuccess();
      else if (outcome === 'failure') this.recordFailure(isTrial);
    };
    return {
      success: () => settle('success'),
      failure: () => settle('failure'),
      abandon: () => settle('abandon'),
    };
  }

  private recordSuccess(): void {
    this.consecutiveFailures = 0;
    if (this.currentState !== 'closed') this.transition('closed');
  }

  private recordFailure(isTrial: boolean): void {
    this.consecutiveFailures++;
    if (isTrial || (this.currentState === 'closed' && this.consecutiveFailures >= this.failureThreshold)) {
      this.openedAt = this.clock.now();
      this.transition('open');
    }
  }

  private cooldownLeft(): number {
    return this.openedAt + this.cooldownMs - this.clock.now();
  }

  private transition(next: CircuitState): void {
    const previous = this.currentState;
    if (previous === next) return;
    this.currentState = next;
    this.onStateChange?.(next, previous);
  }
}
