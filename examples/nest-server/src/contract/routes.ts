import type { z } from 'zod';
import {
  accountExportSchema,
  loginSchema,
  registrationBodySchema,
  tokenResponseSchema,
  userProfileSchema,
} from './auth.js';
import { dataStatusResponseSchema } from './data-status.js';
import { healthSchema, readinessSchema } from './health.js';
import { stockDetailSchema, stockPageSchema, top10ResponseSchema } from './market.js';
import {
  addPositionSchema,
  portfolioSummarySchema,
  positionIdSchema,
  positionListSchema,
  positionViewSchema,
  updatePositionSchema,
} from './positions.js';
import { listStocksQuerySchema, symbolParamSchema } from './stock-requests.js';
import {
  scoreHistoryQuerySchema,
  scoreHistoryResponseSchema,
  trackRecordQuerySchema,
  trackRecordResponseSchema,
} from './track-record.js';

/** What a successful answer carries: a JSON body of a schema, nothing (204), or text. */
export type WireBody = z.ZodType | { readonly empty: true } | { readonly text: string };

/** A text form of a JSON answer (`GET /api/stocks?format=csv`): its media type and when it is sent. */
export interface TextVariant {
  mediaType: string;
  description: string;
}

/** No body (204). */
export const EMPTY: { readonly empty: true } = { empty: true };

/** One operation of the API: what it takes and what it answers. */
export interface WireRoute {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI form: `/api/stocks/{symbol}`. */
  path: string;
  /** Path parameters by name. */
  params?: Readonly<Record<string, z.ZodType>>;
  /** Query parameters: an object schema, one parameter per key. */
  query?: z.ZodObject;
  /** JSON request body. */
  body?: z.ZodType;
  /** Successful answers by status. */
  responses: Readonly<Record<number, WireBody>>;
  /** Text answers given instead of the JSON one of the same status when the client asks for them. */
  textVariants?: Readonly<Record<number, TextVariant>>;
  /** Error statuses worth naming, with when they happen (every error has the `ErrorBody`). */
  errors: Readonly<Record<number, string>>;
}

const AUTH_ERRORS = { 401: 'Missing, invalid or expired token', 403: 'The token lacks the scope' } as const;
const BODY_ERRORS = {
  400: 'A field is missing or invalid (each named in `issues`)',
  413: 'The body is larger than the server accepts',
  415: 'content-type must be application/json',
} as const;

/**
 * Every operation of the REST API. The OpenAPI document at `/docs` is built from this table (a
 * route the server serves but the table lacks stops the start), and the end-to-end tests parse
 * every answer with the schemas named here.
 */
export const WIRE_ROUTES = {
  health: { method: 'get', path: '/health', responses: { 200: healthSchema }, errors: {} },
  ready: {
    method: 'get',
    path: '/ready',
    responses: { 200: readinessSchema, 503: readinessSchema },
    errors: {},
  },
  metrics: {
    method: 'get',
    path: '/metrics',
    responses: { 200: { text: 'Prometheus text exposition format 0.0.4' } },
    errors: {},
  },
  top10: {
    method: 'get',
    path: '/api/wachstumsprognose/top10',
    responses: { 200: top10ResponseSchema },
    errors: { 503: 'The database is unreachable (`Retry-After`)' },
  },
  listStocks: {
    method: 'get',
    path: '/api/stocks',
    query: listStocksQuerySchema,
    responses: { 200: stockPageSchema },
    textVariants: {
      200: {
        mediaType: 'text/csv',
        description:
          'With format=csv or Accept: text/csv: every filtered stock in the sort order (at most 10 000 rows, paging ignored) as CSV with a header row',
      },
    },
    errors: { 400: 'A query parameter is invalid (each named in `issues`)' },
  },
  stockDetail: {
    method: 'get',
    path: '/api/stocks/{symbol}',
    params: { symbol: symbolParamSchema },
    responses: { 200: stockDetailSchema },
    errors: { 400: 'The symbol is malformed', 404: 'The symbol is not in the scored universe' },
  },
  scoreHistory: {
    method: 'get',
    path: '/api/stocks/{symbol}/history',
    params: { symbol: symbolParamSchema },
    query: scoreHistoryQuerySchema,
    responses: { 200: scoreHistoryResponseSchema },
    errors: {
      400: 'The symbol is malformed, or from / to is not a date or to is before from (named in `issues`)',
      404: 'The symbol is not in the scored universe',
    },
  },
  trackRecord: {
    method: 'get',
    path: '/api/track-record',
    query: trackRecordQuerySchema,
    responses: { 200: trackRecordResponseSchema },
    errors: { 400: 'A query parameter is invalid (each named in `issues`)' },
  },
  dataStatus: {
    method: 'get',
    path: '/api/data/status',
    responses: { 200: dataStatusResponseSchema },
    errors: {},
  },
  register: {
    method: 'post',
    path: '/api/auth/register',
    body: registrationBodySchema,
    responses: { 201: userProfileSchema },
    errors: { ...BODY_ERRORS, 409: 'An account with this e-mail already exists' },
  },
  login: {
    method: 'post',
    path: '/api/auth/login',
    body: loginSchema,
    responses: { 200: tokenResponseSchema },
    errors: {
      ...BODY_ERRORS,
      401: 'Wrong e-mail or password',
      429: 'Too many failed attempts for this account (`Retry-After`)',
    },
  },
  me: {
    method: 'get',
    path: '/api/auth/me',
    responses: { 200: userProfileSchema },
    errors: AUTH_ERRORS,
  },
  exportAccount: {
    method: 'get',
    path: '/api/auth/me/export',
    responses: { 200: accountExportSchema },
    errors: AUTH_ERRORS,
  },
  eraseAccount: {
    method: 'delete',
    path: '/api/auth/me',
    responses: { 204: EMPTY },
    errors: AUTH_ERRORS,
  },
  addPosition: {
    method: 'post',
    path: '/api/live-monitoring/add',
    body: addPositionSchema,
    responses: { 201: positionViewSchema },
    errors: { ...BODY_ERRORS, ...AUTH_ERRORS, 404: 'The symbol is not in the scored universe' },
  },
  listPositions: {
    method: 'get',
    path: '/api/live-monitoring',
    responses: { 200: positionListSchema },
    errors: AUTH_ERRORS,
  },
  updatePosition: {
    method: 'patch',
    path: '/api/live-monitoring/{position_id}',
    params: { position_id: positionIdSchema },
    body: updatePositionSchema,
    responses: { 200: positionViewSchema },
    errors: { ...BODY_ERRORS, ...AUTH_ERRORS, 404: "No such position of the user's" },
  },
  deletePosition: {
    method: 'delete',
    path: '/api/live-monitoring/{position_id}',
    params: { position_id: positionIdSchema },
    responses: { 204: EMPTY },
    errors: { 400: 'position_id is not a UUID', ...AUTH_ERRORS, 404: "No such position of the user's" },
  },
  summary: {
    method: 'get',
    path: '/api/monitoring/summary',
    responses: { 200: portfolioSummarySchema },
    errors: AUTH_ERRORS,
  },
} as const satisfies Record<string, WireRoute>;

/** Name of an operation of {@link WIRE_ROUTES}. */
export type WireRouteName = keyof typeof WIRE_ROUTES;
