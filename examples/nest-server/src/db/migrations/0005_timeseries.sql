-- Issue 14: the three time-series measurements (stock_metrics, user_activity, model_performance) on
-- the database we already run. Each table is partitioned by month on its time column; the monthly
-- partitions are created (and dropped after METRICS_RETENTION_DAYS) by the partition keeper
-- (src/timeseries/partition-keeper.ts). The DEFAULT partition takes any row whose month has no
-- partition yet, so an insert never fails; the keeper moves such rows when it creates the month.
-- BRIN on the time column: rows arrive in time order, so a BRIN index is tiny and range scans by
-- time skip whole blocks; btree indexes serve the per-symbol / per-user / per-model lookups.

-- 0001 created model_performance without anything ever writing it: re-created with the columns of
-- a served forecast and, once its horizon has passed, its outcome.
DROP TABLE IF EXISTS model_performance;

CREATE TABLE model_performance (
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  data_source_key   text NOT NULL,
  symbol            text NOT NULL,
  model_name        text NOT NULL,
  model_version     text NOT NULL,
  horizon_days      integer NOT NULL CHECK (horizon_days > 0),
  origin_date       date NOT NULL,
  target_date       date NOT NULL,
  origin_price      double precision NOT NULL CHECK (origin_price > 0),
  predicted_price   double precision NOT NULL,
  predicted_return  double precision NOT NULL,
  lower_price       double precision,
  upper_price       double precision,
  interval_level    double precision,
  actual_price      double precision,
  actual_return     double precision,
  accuracy          double precision,
  absolute_error    double precision,
  inside_interval   boolean,
  evaluated_at      timestamptz,
  replayed          boolean NOT NULL DEFAULT false
) PARTITION BY RANGE (recorded_at);
CREATE TABLE model_performance_default PARTITION OF model_performance DEFAULT;
CREATE INDEX model_performance_time_brin ON model_performance USING brin (recorded_at);
CREATE INDEX model_performance_model_idx
  ON model_performance (data_source_key, model_name, horizon_days, origin_date);
CREATE INDEX model_performance_symbol_idx ON model_performance (data_source_key, symbol, origin_date);

-- source: 'run' (a scoring run's row per symbol) or 'tick' (a live quote).
CREATE TABLE stock_metrics (
  time                    timestamptz NOT NULL,
  symbol                  text NOT NULL,
  source                  text NOT NULL CHECK (source IN ('run', 'tick')),
  price                   double precision,
  volume                  double precision,
  change_percent          double precision,
  calculation_time_ms     double precision,
  data_freshness_seconds  double precision,
  api_response_time_ms    double precision,
  data_source_key         text
) PARTITION BY RANGE (time);
CREATE TABLE stock_metrics_default PARTITION OF stock_metrics DEFAULT;
CREATE INDEX stock_metrics_time_brin ON stock_metrics USING brin (time);
CREATE INDEX stock_metrics_symbol_idx ON stock_metrics (symbol, time);

-- user_key is a pseudonym (HMAC-SHA256 of the user id with ACTIVITY_KEY); null = anonymous request.
CREATE TABLE user_activity (
  time         timestamptz NOT NULL,
  user_key     text,
  action       text NOT NULL,
  -- Requests of this user, action and outcome within one flush interval (about a second); one row
  -- each would make recording cost more than answering a cheap request.
  requests     integer NOT NULL DEFAULT 1 CHECK (requests > 0),
  duration_ms  double precision NOT NULL,
  duration_max_ms double precision NOT NULL,
  success      boolean NOT NULL,
  error_code   text
) PARTITION BY RANGE (time);
CREATE TABLE user_activity_default PARTITION OF user_activity DEFAULT;
CREATE INDEX user_activity_time_brin ON user_activity USING brin (time);
CREATE INDEX user_activity_user_idx ON user_activity (user_key, time)
  -- Signed-in users' rows only (export and erasure look them up); anonymous requests skip it.
  WHERE user_key IS NOT NULL;
