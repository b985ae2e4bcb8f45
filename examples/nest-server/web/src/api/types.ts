// The API's types are the server's wire contract (src/contract), imported as types only: nothing
// of zod or the schemas is bundled. FACTOR_NAMES comes from the contract's one import-free module.
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
  UserProfile,
} from '../../../src/contract/index.js';
