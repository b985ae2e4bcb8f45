-- Issue 14, the track record. A run scored afterwards by the replay (from the data known on its
-- date) is marked so: it is never served as the latest run, and the history and the track record
-- say which points were replayed.
ALTER TABLE growth_forecasts ADD COLUMN replayed boolean NOT NULL DEFAULT false;
-- The score history of a symbol: its runs by date of data, within the served source.
CREATE INDEX growth_forecasts_history_idx ON growth_forecasts (data_source_key, symbol, as_of);
-- One run kept per date of data (the latest): found and thinned by source, date and time.
CREATE INDEX growth_forecasts_source_as_of_idx ON growth_forecasts (data_source_key, as_of, created_at);
