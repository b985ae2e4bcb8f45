-- Issue 18: nothing reads price_history (the stock page's indicators are computed once per run and
-- bar and served from memory). growth_forecasts.predicted_price / expected_return stay: they are
-- still null today (forecasts are served from the forecast service), and the track record (issue 14)
-- fills them for every run that has a forecast.
DROP TABLE IF EXISTS price_history;
