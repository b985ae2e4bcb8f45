import { checkWire } from './wire.js';

/** One HTTP exchange as the tests see it. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** The raw body. */
  text: string;
  /** The body parsed as JSON (`undefined` when it is not JSON). */
  body: T;
}

/** An error answer, kept so that one test can inspect every 4xx/5xx body the suite provoked. */
export interface RecordedError {
  request: string;
  status: number;
  headers: Headers;
  text: string;
}

/** Options of one request beyond method, path and JSON body. */
export interface RequestOptions {
  headers?: Record<string, string>;
  /** A raw body sent as is (for non-JSON and oversized bodies); wins over the JSON body. */
  rawBody?: string;
}

/**
 * A small fetch client for the server under test: real HTTP over loopback, JSON in and out, an
 * optional bearer token. Every answer is checked against the wire contract ({@link checkWire}): a
 * body that differs from its schema fails the request. Every 4xx/5xx answer is appended to `errors`
 * (shared by the clients made with {@link ApiClient.as}).
 */
export class ApiClient {
  constructor(
    private readonly baseUrl: () => string,
    private readonly token?: string,
    readonly errors: RecordedError[] = [],
  ) {}

  /** The same client acting with another bearer token (or none). */
  as(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token, this.errors);
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, options);
  }

  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, body, options);
  }

  delete<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | undefined = options.rawBody;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    const response = await fetch(`${this.baseUrl()}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    // Every answer the suites see is parsed with the wire contract's schema: the wire is checked.
    checkWire(method, path, response.status, text, parsed);
    if (response.status >= 400)
      this.errors.push({
        request: `${method} ${path}`,
        status: response.status,
        headers: response.headers,
        text,
      });
    return { status: response.status, headers: response.headers, text, body: parsed as T };
  }
}
