// The API's types are the server's wire contract (src/contract), imported as types only: nothing
// of zod or the schemas is bundled. FACTOR_NAMES and the screener's parameter names come from the
// contract's import-free modules.
export { FACTOR_NAMES, type FactorName } from '../../../src/contract/factor-names.js';
export type {
  AddPositionBody,
  DataIssue,
  DataSourceView,
  DataStatusResponse,
  FactorDetail,
  FileReport,
  HistoryBar,
  Level,
  MetricDetail,
  MetricUnit,
  PortfolioSummary,
  PositionView as Position,
  PredictionView,
  StockDetail,
  StockPage,
  StockSummary,
  SymbolReport,
  TokenResponse,
  Top10Response,
  TrainingProgress,
  UserProfile,
} from '../../../src/contract/index.js';
export {
  STOCK_LIST_FILTERS,
  STOCK_RANGE_FILTERS,
  STOCK_SORT_FIELDS,
  type StockRangeFilter,
  type StockSortField,
} from '../../../src/contract/screener-fields.js';
