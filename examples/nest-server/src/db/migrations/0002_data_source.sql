-- The data source of every scoring run (issue 11): a run computed from another source (another
-- provider, another folder, changed files, another as-of date) is never served. Runs from before
-- this migration have no source key and are dropped at the next start-up.
ALTER TABLE growth_forecasts ADD COLUMN data_source_key text;
ALTER TABLE growth_forecasts ADD COLUMN data_provider text;
ALTER TABLE growth_forecasts ADD COLUMN data_dir text;
ALTER TABLE growth_forecasts ADD COLUMN data_fingerprint text;
-- The date of the data the run scored (YYYY-MM-DD), served as `as_of`.
ALTER TABLE growth_forecasts ADD COLUMN as_of date;
-- "The latest run of this source".
CREATE INDEX growth_forecasts_source_created_idx ON growth_forecasts (data_source_key, created_at DESC);
