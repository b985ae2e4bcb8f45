/**
 * The wire contract of the reference server: a zod schema per request and response body (REST and
 * Socket.IO), and the types inferred from them. The server validates requests with it and builds its
 * OpenAPI document from it (`openapi.ts`, imported by the server only); the dashboard imports its
 * types; the tests parse every answer with its schemas.
 */
export {
  type AccountExport,
  accountExportSchema,
  type LoginCredentials,
  loginSchema,
  type Registration,
  registrationBodySchema,
  type TokenResponse,
  tokenResponseSchema,
  type UserProfile,
  userProfileSchema,
} from './auth.js';
export {
  type DataSourceView,
  dataSourceViewSchema,
  dateSchema,
  type ErrorBody,
  errorBodySchema,
  type FactorScores,
  factorNameSchema,
  factorScoresSchema,
  type Grade,
  gradeSchema,
  instantSchema,
  type Level,
  levelSchema,
  tickerSchema,
} from './common.js';
export {
  type DataIssue,
  type DataStatusResponse,
  dataIssueSchema,
  dataStatusResponseSchema,
  type FileReport,
  fileReportSchema,
  type SymbolReport,
  symbolReportSchema,
} from './data-status.js';
export {
  FACTOR_NAMES,
  type FactorName,
} from './factor-names.js';
export {
  type Health,
  healthSchema,
  type Readiness,
  readinessSchema,
} from './health.js';
export {
  type FactorDetail,
  factorDetailSchema,
  type HistoryBar,
  historyBarSchema,
  type IndicatorValues,
  indicatorValuesSchema,
  type MetricDetail,
  type MetricUnit,
  metricDetailSchema,
  metricUnitSchema,
  type StockDetail,
  type StockPage,
  type StockSummary,
  stockDetailSchema,
  stockPageSchema,
  stockSummarySchema,
  type Top10Response,
  top10ResponseSchema,
} from './market.js';
export {
  type AddPosition,
  type AddPositionBody,
  addPositionSchema,
  type PortfolioSummary,
  type PositionList,
  type PositionView,
  portfolioSummarySchema,
  positionIdSchema,
  positionListSchema,
  positionViewSchema,
  type UpdatePosition,
  type UpdatePositionBody,
  updatePositionSchema,
} from './positions.js';
export {
  type PredictionView,
  pendingPredictionSchema,
  predictionViewSchema,
  readyPredictionSchema,
} from './prediction.js';
export {
  MAX_SYMBOLS_PER_SOCKET,
  type PortfolioUpdate,
  type PositionAlert,
  type PriceUpdate,
  portfolioUpdateSchema,
  positionAlertSchema,
  priceUpdateSchema,
  REALTIME_EVENT_SCHEMAS,
  type ScoreUpdate,
  type Subscription,
  type SubscriptionAck,
  scoreUpdateSchema,
  subscriptionAckSchema,
  subscriptionSchema,
  type Top10Update,
  top10UpdateSchema,
} from './realtime.js';
export {
  EMPTY,
  WIRE_ROUTES,
  type WireBody,
  type WireRoute,
  type WireRouteName,
} from './routes.js';
export {
  type ListStocksQuery,
  listStocksQuerySchema,
  symbolParamSchema,
} from './stock-requests.js';
export {
  baselineStatsSchema,
  coveragePeriodSchema,
  forwardReturnSchema,
  MAX_RANGE_DAYS,
  type ModelRecord,
  modelRecordSchema,
  type ScoreHistoryPoint,
  type ScoreHistoryQuery,
  type ScoreHistoryResponse,
  type ScoreRecord,
  scoreHistoryPointSchema,
  scoreHistoryQuerySchema,
  scoreHistoryResponseSchema,
  scoreRecordSchema,
  TRACK_RECORD_POINTS_CAP,
  type TrackRecordPoint,
  type TrackRecordQuery,
  type TrackRecordResponse,
  trackRecordPointSchema,
  trackRecordQuerySchema,
  trackRecordResponseSchema,
} from './track-record.js';
