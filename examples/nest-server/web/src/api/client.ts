import type { ScoreHistoryResponse, TrackRecordResponse } from '../../../src/contract/track-record.js';
import { type TrackRecordSelection, trackRecordQueryText } from '../track-record-route.js';
import type {
  AddPositionBody,
  DataStatusResponse,
  PortfolioSummary,
  Position,
  StockDetail,
  StockPage,
  TokenResponse,
  Top10Response,
  UserProfile,
} from './types.js';

/** A non-2xx answer of the API: the server's message (which names the field), status and request id. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Query of `GET /api/stocks`: `sort` is a field, `-field` for descending. */
export interface StockListQuery {
  page: number;
  pageSize: number;
  sort: string;
  sector?: string;
}

async function request<T>(path: string, init: RequestInit & { token?: string | null } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    const message =
      typeof body?.message === 'string' ? body.message : `${response.status} ${response.statusText}`;
    throw new ApiError(
      response.status,
      message,
      typeof body?.requestId === 'string' ? body.requestId : undefined,
    );
  }
  return body as T;
}

/** The reference server's REST API, as the dashboard uses it (same origin). */
export const api = {
  top10: () => request<Top10Response>('/api/wachstumsprognose/top10'),

  stocks(query: StockListQuery): Promise<StockPage> {
    const params = new URLSearchParams({
      page: String(query.page),
      page_size: String(query.pageSize),
      sort: query.sort,
    });
    if (query.sector) params.set('sector', query.sector);
    return request<StockPage>(`/api/stocks?${params}`);
  },

  /** `GET /api/stocks` with a screener's filters, sort and paging: `path` as screener-state.ts writes it. */
  screen: (path: `/api/stocks?${string}`) => request<StockPage>(path),

  dataStatus: () => request<DataStatusResponse>('/api/data/status'),

  stock: (symbol: string) => request<StockDetail>(`/api/stocks/${encodeURIComponent(symbol)}`),

  /** A stock's scoring runs, oldest first (all kept runs when no range is given). */
  scoreHistory: (symbol: string) =>
    request<ScoreHistoryResponse>(`/api/stocks/${encodeURIComponent(symbol)}/history`),

  /** Forecasts and scores judged against what happened; `null` fields are the server's defaults. */
  trackRecord(selection: TrackRecordSelection): Promise<TrackRecordResponse> {
    const text = trackRecordQueryText(selection);
    return request<TrackRecordResponse>(`/api/track-record${text ? `?${text}` : ''}`);
  },

  register: (email: string, password: string) =>
    request<UserProfile>('/api/auth/register', {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    }),

  login: (email: string, password: string) =>
    request<TokenResponse>('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) }),

  summary: (token: string) => request<PortfolioSummary>('/api/monitoring/summary', { token }),

  addPosition: (token: string, body: AddPositionBody) =>
    request<Position>('/api/live-monitoring/add', { method: 'POST', body: JSON.stringify(body), token }),

  removePosition: (token: string, positionId: string) =>
    request<void>(`/api/live-monitoring/${encodeURIComponent(positionId)}`, { method: 'DELETE', token }),
};
