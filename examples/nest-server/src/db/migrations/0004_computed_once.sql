-- Issue 18: nothing reads price_history (the stock page's indicators are computed once per run and
-- bar and served from memory), and growth_forecasts.predicted_price / expected_return were always
-- null (forecasts are served from the forecast service, not from scoring rows).
DROP TABLE IF EXISTS price_history;
ALTER TABLE growth_forecasts DROP COLUMN IF EXISTS predicted_price;
ALTER TABLE growth_forecasts DROP COLUMN IF EXISTS expected_return;
