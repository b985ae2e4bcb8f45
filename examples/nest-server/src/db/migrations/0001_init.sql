-- DA-KI reference server: initial schema. Runs unchanged on PostgreSQL and on PGlite.
-- Money is NUMERIC (computed with decimal.js in the app); indicator values are double precision.

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The e-mail is personal data: stored encrypted (AES-256-GCM); looked up by a keyed hash.
  email_lookup    text NOT NULL UNIQUE,
  email_encrypted text NOT NULL,
  password_hash   text NOT NULL,
  scopes          text[] NOT NULL DEFAULT ARRAY['read', 'write'],
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE growth_forecasts (
  id                 bigserial PRIMARY KEY,
  run_id             uuid NOT NULL,
  symbol             text NOT NULL,
  name               text,
  sector             text NOT NULL,
  rank               integer NOT NULL CHECK (rank >= 1),
  sector_rank        integer NOT NULL CHECK (sector_rank >= 1),
  score              numeric(6, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
  performance_score  numeric(6, 2) NOT NULL CHECK (performance_score BETWEEN 0 AND 100),
  fundamental_score  numeric(6, 2) NOT NULL CHECK (fundamental_score BETWEEN 0 AND 100),
  sentiment_score    numeric(6, 2) NOT NULL CHECK (sentiment_score BETWEEN 0 AND 100),
  sector_score       numeric(6, 2) NOT NULL CHECK (sector_score BETWEEN 0 AND 100),
  momentum_score     numeric(6, 2) NOT NULL CHECK (momentum_score BETWEEN 0 AND 100),
  current_price      numeric(18, 4) NOT NULL CHECK (current_price > 0),
  predicted_price    numeric(18, 4) CHECK (predicted_price > 0),
  expected_return    numeric(12, 6),
  confidence_level   text NOT NULL,
  risk_level         text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  explanations       jsonb NOT NULL DEFAULT '[]'::jsonb,
  details            jsonb NOT NULL DEFAULT '{}'::jsonb,
  model_version      text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  valid_until        timestamptz NOT NULL
);
-- The API reads "the latest valid run": by run, ranked; and one symbol's latest forecast.
CREATE INDEX growth_forecasts_run_rank_idx ON growth_forecasts (run_id, rank);
CREATE INDEX growth_forecasts_symbol_created_idx ON growth_forecasts (symbol, created_at DESC);
CREATE INDEX growth_forecasts_valid_until_idx ON growth_forecasts (valid_until DESC);
CREATE INDEX growth_forecasts_run_sector_idx ON growth_forecasts (run_id, sector, rank);

CREATE TABLE positions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  symbol              text NOT NULL,
  shares              numeric(20, 6) NOT NULL CHECK (shares > 0),
  invested_amount     numeric(20, 2) NOT NULL CHECK (invested_amount > 0),
  entry_price         numeric(18, 4) NOT NULL CHECK (entry_price > 0),
  current_price       numeric(18, 4) NOT NULL CHECK (current_price > 0),
  current_value       numeric(20, 2) NOT NULL,
  profit_loss         numeric(20, 2) NOT NULL,
  profit_loss_percent numeric(12, 4) NOT NULL,
  stop_loss           numeric(18, 4) CHECK (stop_loss > 0),
  take_profit         numeric(18, 4) CHECK (take_profit > 0),
  alert_triggered     boolean NOT NULL DEFAULT false,
  status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'stopped')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX positions_user_status_idx ON positions (user_id, status, created_at DESC);
CREATE INDEX positions_symbol_active_idx ON positions (symbol) WHERE status = 'active';

-- Daily prices with their indicators, partitioned by year (both PostgreSQL and PGlite support it).
CREATE TABLE price_history (
  symbol       text NOT NULL,
  date         date NOT NULL,
  open         numeric(18, 4) NOT NULL CHECK (open > 0),
  high         numeric(18, 4) NOT NULL CHECK (high > 0),
  low          numeric(18, 4) NOT NULL CHECK (low > 0),
  close        numeric(18, 4) NOT NULL CHECK (close > 0),
  volume       bigint NOT NULL CHECK (volume >= 0),
  rsi          double precision,
  macd         double precision,
  macd_signal  double precision,
  bb_upper     double precision,
  bb_lower     double precision,
  sma_20       double precision,
  sma_50       double precision,
  source       text NOT NULL,
  PRIMARY KEY (symbol, date),
  CHECK (high >= low)
) PARTITION BY RANGE (date);
CREATE TABLE price_history_before_2020 PARTITION OF price_history FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
CREATE TABLE price_history_2020 PARTITION OF price_history FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE price_history_2021 PARTITION OF price_history FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE TABLE price_history_2022 PARTITION OF price_history FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
CREATE TABLE price_history_2023 PARTITION OF price_history FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE price_history_2024 PARTITION OF price_history FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE price_history_2025 PARTITION OF price_history FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE price_history_2026 PARTITION OF price_history FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE price_history_2027 PARTITION OF price_history FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
CREATE TABLE price_history_2028 PARTITION OF price_history FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');
CREATE TABLE price_history_after_2028 PARTITION OF price_history FOR VALUES FROM ('2029-01-01') TO (MAXVALUE);

CREATE TABLE model_performance (
  id                bigserial PRIMARY KEY,
  model_version     text NOT NULL,
  model_name        text NOT NULL,
  symbol            text NOT NULL,
  predicted_at      timestamptz NOT NULL,
  horizon_days      integer NOT NULL CHECK (horizon_days > 0),
  predicted_price   numeric(18, 4) NOT NULL,
  actual_price      numeric(18, 4),
  predicted_return  double precision NOT NULL,
  actual_return     double precision,
  accuracy          double precision,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_performance_model_idx ON model_performance (model_version, predicted_at DESC);
CREATE INDEX model_performance_symbol_idx ON model_performance (symbol, predicted_at DESC);

-- Audit trail of every data access and change. user_id is kept without a foreign key so that the
-- trail survives a user's deletion; the deletion itself pseudonymises the user's rows.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  user_id      uuid,
  action       text NOT NULL,
  resource     text NOT NULL,
  resource_id  text,
  request_id   text,
  outcome      text NOT NULL DEFAULT 'success',
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, created_at DESC);
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC);

-- L3 cache layer for the SDK's LayeredCache.
CREATE TABLE cache_entries (
  key         text PRIMARY KEY,
  value       text NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX cache_entries_expires_idx ON cache_entries (expires_at);
