// The response shapes the end-to-end suites read, as the API documents them.

export const FACTOR_NAMES = ['performance', 'fundamental', 'sentiment', 'sector', 'momentum'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];

export interface StockSummary {
  rank: number;
  symbol: string;
  name: string;
  sector: string;
  sector_rank: number;
  score: number;
  grade?: string;
  factors: Record<FactorName, number>;
  risk_level: string;
  confidence_level: string;
  current_price: number;
  explanations: string[];
}

export interface Top10Response {
  top_10_wachstums_aktien: (StockSummary & { prediction: unknown })[];
  generated_at: string;
  valid_until: string;
  model_version: string;
  universe_size: number;
  as_of: string;
  data_source: { provider: string; dir?: string; fingerprint?: string };
}

export interface StockListResponse {
  items: StockSummary[];
  page: number;
  page_size: number;
  total: number;
  sectors: string[];
}

export interface StockDetailResponse extends StockSummary {
  details: unknown;
  indicators: Record<string, number | null>;
  prediction: unknown;
  history: { date: string; open: number; high: number; low: number; close: number; volume: number }[];
  generated_at: string;
}

export interface PositionView {
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

export interface SummaryResponse {
  total_positions: number;
  total_invested: number;
  total_value: number;
  profit_loss: number;
  profit_loss_percent: number;
  positions: PositionView[];
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  issues?: { field: string; reason: string }[];
  requestId: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
}

export interface ExportResponse {
  exported_at: string;
  user: { id: string; email: string; scopes: string[]; created_at: string };
  positions: { id: string; symbol: string; shares: string; invested_amount: string }[];
  audit_log: { action: string; resource: string; resource_id: string | null; outcome: string }[];
}
