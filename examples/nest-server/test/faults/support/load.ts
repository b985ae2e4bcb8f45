/** One request of the load: what to send, and a name to group its outcomes by. */
export interface LoadRequest {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

/** What happened to one request. */
export interface LoadOutcome {
  name: string;
  /** Label of the phase the request was sent in (see {@link LoadDriver.phase}). */
  phase: string;
  /** HTTP status; 0 when no answer came (connection refused or reset, or `timeoutMs` passed). */
  status: number;
  /** No answer within `timeoutMs`: counted as unanswered. */
  timedOut: boolean;
  /** The `Retry-After` header, if any. */
  retryAfter: string | null;
  /** The parsed JSON body of the answer (undefined when not JSON or none). */
  body: unknown;
  startedAt: number;
  ms: number;
}

/** Options of {@link LoadDriver}. */
export interface LoadOptions {
  baseUrl: string;
  /** Requests in flight at once (each worker loop sends one after the other). */
  concurrency: number;
  /** Picks the next request; `i` counts the requests sent so far. */
  next: (i: number) => LoadRequest;
  /** A request unanswered after this long counts as unanswered. */
  timeoutMs: number;
  /** Hard cap on requests sent, whatever the duration. */
  maxRequests: number;
  /** Pause between two requests of one loop: the load is fixed, not as fast as possible. */
  gapMs: number;
}

/**
 * A fixed, bounded load on loopback: `concurrency` loops, each sending a request, waiting for its
 * answer (or `timeoutMs`), pausing `gapMs`, until stopped or `maxRequests` are sent. Every outcome
 * is recorded with the phase it was sent in, so a test counts answers per phase and asserts counts,
 * not latencies.
 */
export class LoadDriver {
  /** Label given to the requests sent from now on. */
  phase = 'before';
  readonly outcomes: LoadOutcome[] = [];
  private sent = 0;
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    this.loops = Array.from({ length: this.options.concurrency }, () => this.loop());
  }

  /** Stops sending and waits for the requests in flight (each bounded by `timeoutMs`). */
  async stop(): Promise<LoadOutcome[]> {
    this.stopped = true;
    await Promise.all(this.loops);
    return this.outcomes;
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.sent < this.options.maxRequests) {
      const request = this.options.next(this.sent++);
      this.outcomes.push(await send(this.options.baseUrl, request, this.phase, this.options.timeoutMs));
      await new Promise((resolve) => setTimeout(resolve, this.options.gapMs));
    }
  }
}

/** Sends one request and records its outcome; never throws. */
export async function send(
  baseUrl: string,
  request: LoadRequest,
  phase: string,
  timeoutMs: number,
): Promise<LoadOutcome> {
  const startedAt = Date.now();
  const outcome = (
    status: number,
    timedOut: boolean,
    retryAfter: string | null,
    body: unknown,
  ): LoadOutcome => ({
    name: request.name,
    phase,
    status,
    timedOut,
    retryAfter,
    body,
    startedAt,
    ms: Date.now() - startedAt,
  });
  try {
    const response = await fetch(baseUrl + request.path, {
      method: request.method,
      headers: {
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return outcome(response.status, false, response.headers.get('retry-after'), body);
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    return outcome(0, timedOut, null, undefined);
  }
}

/** Counts of outcomes by a key. */
export function countBy(
  outcomes: readonly LoadOutcome[],
  key: (o: LoadOutcome) => string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[key(o)] = (counts[key(o)] ?? 0) + 1;
  return counts;
}
