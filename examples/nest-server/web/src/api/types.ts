import type { DataReport } from '@da-ki/providers';
import type { FactorDetail } from '@da-ki/sdk';

/** The five factors of the growth score, in the order the API reports them. */
export const FACTOR_NAMES = ['performance', 'fundamental', 'sentiment', 'sector', 'momentum'] as const;

/** Name of one of the five factors. */
export type FactorName = (typeof FACTOR_NAMES)[number];

/** Low / medium / high, as the API labels risk and confidence. */
export type Level = 'low' | 'medium' | 'high';

/** A scored stock in its compact form (`/api/wachstumsprognose/top10`, `/api/stocks`). */
export interface StockSummary {
  rank: number;
  symbol: string;
  name: string;
  sector: string;
  sector_rank: number;
  score: number;
  grade?: string;
  factors: Record<FactorName, number>;
  risk_level: Level;
  confidence_level: Level;
  current_price: number;
  explanations: string[];
}

/** What the scores were computed from (`data_source` of top10, stock detail and the data status). */
export interface DataSourceView {
  /** `synthetic`, `yahoo`, `alphavantage` or `folder`. */
  provider: string;
  /** The data folder (`folder` only). */
  dir?: string;
  /** sha256 of the folder's files, or the synthetic seed and size. */
  fingerprint?: string;
}

/** `GET /api/data/status`: the data report plus the source. */
export type DataStatusResponse = DataReport & { data_source: DataSourceView };

// The report's parts, type-only like the SDK's drill-down types.
export type { DataIssue, FileReport, SymbolReport } from '@da-ki/providers';

/** `GET /api/wachstumsprognose/top10`. */
export interface Top10Response {
  top_10_wachstums_aktien: (StockSummary & { prediction: unknown })[];
  generated_at: string;
  valid_until: string;
  model_version: string;
  universe_size: number;
  /** Date of the data, `YYYY-MM-DD`. */
  as_of: string;
  data_source: DataSourceView;
}

/** `GET /api/stocks`. */
export interface StockPage {
  items: StockSummary[];
  page: number;
  page_size: number;
  total: number;
  sectors: string[];
}

// The drill-down types are the SDK's own (type-only: nothing of the SDK is bundled for them).
export type { FactorDetail, MetricDetail, MetricUnit } from '@da-ki/sdk';

/** One daily bar of `history`. */
export interface HistoryBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** `GET /api/stocks/:symbol`. */
export interface StockDetail extends StockSummary {
  grades: Record<FactorName | 'overall', string>;
  details: Record<FactorName, FactorDetail>;
  risk: {
    level: Level;
    annualizedVolatility: number | null;
    maxDrawdown: number | null;
    beta: number | null;
  };
  confidence: number;
  indicators: Record<string, number | null>;
  /** The ensemble forecast, or `null` while the server has none (read through `readPrediction`). */
  prediction: unknown;
  history: HistoryBar[];
  generated_at: string;
  as_of: string;
  data_source: DataSourceView;
}

/** `POST /api/auth/login`. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds the token is valid. */
  expires_in: number;
}

/** A monitored position (`PositionView` of the server). */
export interface Position {
  position_id: string;
  symbol: string;
  shares: number;
  investment: number;
  entry_price: number;
  current_price: number;
  current_value: number;
  profit_loss: number;
  profit_loss_percent: number;
  stop_loss: number | null;
  take_profit: number | null;
  alert_triggered: boolean;
  status: string;
  created_at: string;
  updated_at: string;
}

/** `GET /api/monitoring/summary`. */
export interface PortfolioSummary {
  total_positions: number;
  total_invested: number;
  total_value: number;
  profit_loss: number;
  profit_loss_percent: number;
  positions: Position[];
}

/** `POST /api/live-monitoring/add` body. */
export interface AddPositionBody {
  symbol: string;
  shares: number;
  investment: number;
  stop_loss?: number;
  take_profit?: number;
}
