import {
  InvalidArgumentError,
  type NewsItem,
  type NewsProvider,
  type NewsRequest,
  newsItemSchema,
} from '@da-ki/sdk';
import { z } from 'zod';
import { NotFoundError, ProviderError } from '../errors/index.js';
import { createHttpClient, type HttpClient, type HttpProviderOptions } from '../http/http-client.js';
import { unexpectedStatusError, validateWith } from '../http/parse-response.js';
import { assertSymbol } from '../http/symbol.js';
import { type DatedFeedEntry, dedupeEntries } from './dedupe-entries.js';
import { parseFeed } from './parse-feed.js';

/** Yahoo Finance's per-symbol headline feed (RSS 2.0). */
export const YAHOO_HEADLINE_FEED =
  'https://feeds.finance.yahoo.com/rss/2.0/headline?s={symbol}&region=US&lang=en-US';

/** Options of {@link RssNewsProvider}. */
export interface RssNewsProviderOptions extends HttpProviderOptions {
  /**
   * Feed URL(s) with `{symbol}` where the (URL-encoded) symbol goes. Several feeds are merged and
   * deduplicated. Relative templates resolve against `baseUrl`. Default {@link YAHOO_HEADLINE_FEED}.
   */
  urlTemplate?: string | readonly string[];
  /** Base for relative templates (e.g. a mirror of the Yahoo feed host). */
  baseUrl?: string;
  /** Provider name in errors and as `source` of the news. Default `rss`. */
  name?: string;
  /**
   * Called when one of several feeds fails while others answer (the answer then comes from the
   * others). With a single feed, or when all fail, the error is thrown instead.
   */
  onFeedError?: (error: unknown, url: string) => void;
}

/**
 * Headlines from RSS 2.0 / Atom feeds, one URL template per feed: parsed with fast-xml-parser,
 * HTML stripped and entities decoded, deduplicated across feeds (guid, link, headline), entries
 * without a readable date dropped, sorted newest first, validated. Requests go through the shared
 * HTTP client (timeouts, retries, circuit breaker).
 */
export class RssNewsProvider implements NewsProvider {
  readonly name: string;
  private readonly templates: readonly string[];
  private readonly client: HttpClient;
  private readonly onFeedError: RssNewsProviderOptions['onFeedError'];

  constructor(options: RssNewsProviderOptions = {}) {
    this.name = options.name ?? 'rss';
    const templates = options.urlTemplate ?? YAHOO_HEADLINE_FEED;
    this.templates = typeof templates === 'string' ? [templates] : [...templates];
    if (this.templates.length === 0)
      throw new InvalidArgumentError('urlTemplate', 'give at least one feed URL');
    this.templates.forEach((template, index) => {
      if (!template.includes('{symbol}')) {
        throw new InvalidArgumentError(
          'urlTemplate',
          `${JSON.stringify(template)} has no {symbol} placeholder`,
          index,
        );
      }
      if (!/^https?:\/\//i.test(template) && options.baseUrl === undefined) {
        throw new InvalidArgumentError(
          'urlTemplate',
          `${JSON.stringify(template)} is relative: give baseUrl`,
          index,
        );
      }
    });
    this.onFeedError = options.onFeedError;
    this.client = createHttpClient({ ...options, provider: this.name, baseUrl: options.baseUrl ?? '' });
  }

  /** Headlines about `symbol` from every feed, deduplicated, newest first, `since`/`limit` applied. */
  async getNews(symbol: string, request: NewsRequest = {}): Promise<NewsItem[]> {
    assertSymbol(symbol);
    const { since, limit } = request;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
      throw new InvalidArgumentError('request.limit', `must be a non-negative integer, got ${limit}`);
    }
    const urls = this.templates.map((template) =>
      template.split('{symbol}').join(encodeURIComponent(symbol)),
    );
    const outcomes = await Promise.allSettled(urls.map((url) => this.fetchFeed(url, symbol)));
    const entries: DatedFeedEntry[] = [];
    const failures: unknown[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') entries.push(...outcome.value);
      else {
        failures.push(outcome.reason);
        if (outcomes.length > 1) this.onFeedError?.(outcome.reason, urls[i] as string);
      }
    });
    if (failures.length === outcomes.length) throw combinedFailure(failures, this.name, symbol);
    const items = dedupeEntries(entries)
      .filter((entry) => since === undefined || entry.publishedAt >= since)
      .reverse()
      .slice(0, limit)
      .map((entry) => ({
        symbol,
        source: this.name,
        title: entry.title,
        summary: entry.summary,
        url: entry.link,
        publishedAt: entry.publishedAt,
      }));
    return validateWith(z.array(newsItemSchema), items, { provider: this.name, symbol });
  }

  private async fetchFeed(url: string, symbol: string): Promise<DatedFeedEntry[]> {
    const context = { provider: this.name, symbol };
    const response = await this.client.get({
      path: url,
      symbol,
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8' },
    });
    if (!response.ok) throw unexpectedStatusError(response, context);
    // Entries without a readable date cannot be placed in time, which the sentiment factor needs.
    return parseFeed(response.body, context).filter(
      (entry): entry is DatedFeedEntry => entry.publishedAt !== undefined,
    );
  }
}

function combinedFailure(failures: unknown[], provider: string, symbol: string): unknown {
  if (failures.length === 1) return failures[0];
  if (failures.every((error) => error instanceof NotFoundError)) {
    return new NotFoundError({ provider, symbol, reason: 'no feed knows the symbol', cause: failures[0] });
  }
  const reasons = failures
    .map((error) => (error instanceof Error ? error.message : String(error)))
    .join('; ');
  const retryable = failures.find((error) => error instanceof ProviderError && error.retryable);
  return (
    retryable ?? new ProviderError(`every feed failed: ${reasons}`, { provider, symbol, cause: failures[0] })
  );
}
