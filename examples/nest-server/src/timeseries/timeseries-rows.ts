/**
 * The rows of the three time-series tables (migration 0005), named as their columns, and the column
 * list each batched insert writes. One place: the writer, the recorders and the tests agree on it.
 */

/** `stock_metrics`: one row per symbol per scoring run (`run`) or live price tick (`tick`). */
export interface StockMetricRow {
  time: Date;
  symbol: string;
  source: 'run' | 'tick';
  price: number | null;
  volume: number | null;
  change_percent: number | null;
  calculation_time_ms: number | null;
  data_freshness_seconds: number | null;
  api_response_time_ms: number | null;
  data_source_key: string | null;
}

/** `user_activity`: one row per API request; `user_key` is a pseudonym, null for anonymous calls. */
export interface UserActivityRow {
  time: Date;
  user_key: string | null;
  action: string;
  /** Requests this row stands for: one row per user, action and outcome per flush interval. */
  requests: number;
  /** Mean duration of those requests. */
  duration_ms: number;
  duration_max_ms: number;
  success: boolean;
  error_code: string | null;
}

/** `model_performance`: one served forecast and, once its horizon has passed, its outcome. */
export interface ModelPerformanceRow {
  recorded_at: Date;
  data_source_key: string;
  symbol: string;
  model_name: string;
  model_version: string;
  horizon_days: number;
  /** `YYYY-MM-DD` of the last bar the forecast knew. */
  origin_date: string;
  target_date: string;
  origin_price: number;
  predicted_price: number;
  predicted_return: number;
  lower_price: number | null;
  upper_price: number | null;
  interval_level: number | null;
  actual_price: number | null;
  actual_return: number | null;
  accuracy: number | null;
  absolute_error: number | null;
  inside_interval: boolean | null;
  evaluated_at: Date | null;
  replayed: boolean;
}

/** A time-series table: its name, the column that partitions it, and the columns a writer inserts. */
export interface TimeseriesTable<Row> {
  readonly name: string;
  readonly timeColumn: keyof Row & string;
  readonly columns: readonly (keyof Row & string)[];
  /** Each column's SQL type, for the writer's array-per-column insert. */
  readonly types: Readonly<Record<keyof Row & string, string>>;
}

export const STOCK_METRICS: TimeseriesTable<StockMetricRow> = {
  name: 'stock_metrics',
  timeColumn: 'time',
  types: {
    time: 'timestamptz',
    symbol: 'text',
    source: 'text',
    price: 'float8',
    volume: 'float8',
    change_percent: 'float8',
    calculation_time_ms: 'float8',
    data_freshness_seconds: 'float8',
    api_response_time_ms: 'float8',
    data_source_key: 'text',
  },
  columns: [
    'time',
    'symbol',
    'source',
    'price',
    'volume',
    'change_percent',
    'calculation_time_ms',
    'data_freshness_seconds',
    'api_response_time_ms',
    'data_source_key',
  ],
};

export const USER_ACTIVITY: TimeseriesTable<UserActivityRow> = {
  name: 'user_activity',
  timeColumn: 'time',
  types: {
    time: 'timestamptz',
    user_key: 'text',
    action: 'text',
    requests: 'int4',
    duration_ms: 'float8',
    duration_max_ms: 'float8',
    success: 'bool',
    error_code: 'text',
  },
  columns: [
    'time',
    'user_key',
    'action',
    'requests',
    'duration_ms',
    'duration_max_ms',
    'success',
    'error_code',
  ],
};

export const MODEL_PERFORMANCE: TimeseriesTable<ModelPerformanceRow> = {
  name: 'model_performance',
  timeColumn: 'recorded_at',
  types: {
    recorded_at: 'timestamptz',
    data_source_key: 'text',
    symbol: 'text',
    model_name: 'text',
    model_version: 'text',
    horizon_days: 'int4',
    origin_date: 'date',
    target_date: 'date',
    origin_price: 'float8',
    predicted_price: 'float8',
    predicted_return: 'float8',
    lower_price: 'float8',
    upper_price: 'float8',
    interval_level: 'float8',
    actual_price: 'float8',
    actual_return: 'float8',
    accuracy: 'float8',
    absolute_error: 'float8',
    inside_interval: 'bool',
    evaluated_at: 'timestamptz',
    replayed: 'bool',
  },
  columns: [
    'recorded_at',
    'data_source_key',
    'symbol',
    'model_name',
    'model_version',
    'horizon_days',
    'origin_date',
    'target_date',
    'origin_price',
    'predicted_price',
    'predicted_return',
    'lower_price',
    'upper_price',
    'interval_level',
    'actual_price',
    'actual_return',
    'accuracy',
    'absolute_error',
    'inside_interval',
    'evaluated_at',
    'replayed',
  ],
};

/** The names of the three tables, for partition upkeep and retention. */
export const TIMESERIES_TABLES = [STOCK_METRICS, USER_ACTIVITY, MODEL_PERFORMANCE] as const;
