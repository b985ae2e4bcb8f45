import { ProviderError, ProviderUnavailableError } from '../errors/index.js';
import type { HttpClient } from '../http/http-client.js';

/** Cookie and crumb: what Yahoo's quote summary endpoint wants with every request. */
export interface YahooCredentials {
  cookie: string;
  crumb: string;
}

/**
 * Yahoo's cookie/crumb handshake, as yfinance does it: GET `cookieUrl` (fc.yahoo.com answers 404
 * but sets the `A3` consent cookie), then GET `/v1/test/getcrumb` with that cookie; the crumb goes
 * into the `crumb` query parameter and the cookie into the `Cookie` header. Concurrent callers
 * share one handshake; {@link refresh} replaces credentials Yahoo refused.
 */
export class YahooSession {
  private pending: Promise<YahooCredentials> | undefined;

  constructor(
    private readonly client: HttpClient,
    private readonly cookieUrl: string,
  ) {}

  /** The credentials of the current session, starting one if needed. */
  credentials(symbol?: string): Promise<YahooCredentials> {
    if (this.pending === undefined) {
      const started = this.handshake(symbol);
      this.pending = started;
      // A failed handshake is not remembered: the next request tries again.
      started.catch(() => {
        if (this.pending === started) this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** Whether a session exists (its credentials are then sent with every request). */
  get started(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Credentials to replace `stale`, which Yahoo refused (HTTP 401). Concurrent callers holding the
   * same stale credentials share one new handshake.
   */
  async refresh(stale: YahooCredentials, symbol?: string): Promise<YahooCredentials> {
    const pending = this.pending;
    const current = await pending?.catch(() => undefined);
    if (this.pending === pending && (current === undefined || current === stale)) this.pending = undefined;
    return this.credentials(symbol);
  }

  private async handshake(symbol: string | undefined): Promise<YahooCredentials> {
    const provider = this.client.provider;
    const consent = await this.client.get({ path: this.cookieUrl, symbol });
    const cookie = consent.headers
      .getSetCookie()
      .map((header) => header.split(';', 1)[0]?.trim() ?? '')
      .filter((pair) => pair.includes('='))
      .join('; ');
    if (cookie === '') {
      throw new ProviderUnavailableError({
        provider,
        symbol,
        reason: `crumb handshake failed: ${consent.url} set no cookie (HTTP ${consent.status})`,
      });
    }
    const answer = await this.client.get({ path: '/v1/test/getcrumb', headers: { cookie }, symbol });
    const crumb = answer.body.trim();
    // A real crumb is a short token; an HTML page or JSON error here means the handshake was refused.
    if (!answer.ok || crumb === '' || crumb.length > 64 || /[\s<>{}]/.test(crumb)) {
      throw new ProviderError(
        `crumb handshake failed: ${answer.url} answered HTTP ${answer.status} ${JSON.stringify(crumb.slice(0, 60))}`,
        { provider, symbol },
      );
    }
    return { cookie, crumb };
  }
}
