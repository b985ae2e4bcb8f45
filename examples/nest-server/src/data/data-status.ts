import type { DataReport } from '@da-ki/providers';
import type { MarketDataGateway } from '../market/market-data.gateway.js';
import type { ScoringRunner } from '../scoring/scoring-runner.js';
import { type DataSourceView, dataSourceView } from './data-source.js';

/**
 * The body of `GET /api/data/status`: the data report (the same shape as `FolderProvider.report()`
 * and `da-ki check --format json`) plus `data_source`, the source as top10 and stock detail name it.
 */
export type DataStatusBody = DataReport & { data_source: DataSourceView };

/**
 * The report of the data the server serves. A folder reports every file and symbol with its status
 * and reasons; other sources (synthetic, Yahoo Finance, Alpha Vantage) have no files: their report
 * says what the source is, how many symbols it lists and scores, and the as-of date of the served run.
 */
export async function dataStatus(scoring: ScoringRunner, market: MarketDataGateway): Promise<DataStatusBody> {
  const folder = market.folder;
  if (folder) {
    // The report of the folder as loaded, i.e. of the data the served run was computed from.
    const run = await scoring.latestRun();
    return { ...(await folder.report()), data_source: dataSourceView(run.source) };
  }
  const [run, listed] = await Promise.all([scoring.latestRun(), market.listSymbols()]);
  const scored = run.results.length;
  return {
    dir: '',
    asOf: run.asOf,
    fingerprint: run.source.fingerprint ?? '',
    files: [],
    symbols: [],
    issues: [],
    summary: {
      files: 0,
      symbols: listed.length,
      ok: scored,
      warning: 0,
      excluded: Math.max(0, listed.length - scored),
      scorable: scored,
    },
    data_source: dataSourceView(run.source),
  };
}
