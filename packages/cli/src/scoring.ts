import { type FolderProvider, type FolderSymbolInfo, NotFoundError } from '@da-ki/providers';
import { type AnalysisRun, createAnalyzer, type FactorWeights, type FundamentalsProvider } from '@da-ki/sdk';
import type { OpenedFolder } from './folder.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';

/** A scored folder: the analyzer's run and the universe's names and sectors by symbol. */
export interface ScoredFolder {
  run: AnalysisRun;
  infos: Map<string, FolderSymbolInfo>;
  /** The factor weights the run used. */
  weights: Readonly<FactorWeights>;
}

/**
 * Scores every scorable symbol of an opened folder with `createAnalyzer`, the folder provider
 * serving bars, fundamentals, news and sectors (all cut at the folder's as-of date). Progress of
 * the per-symbol loading goes to stderr.
 */
export async function scoreFolder(
  io: CliIo,
  { provider }: OpenedFolder,
  weights?: Readonly<FactorWeights>,
): Promise<ScoredFolder> {
  const listed = await provider.listSymbols();
  const analyzer = createAnalyzer({
    market: provider,
    fundamentals: missingFundamentalsAsEmpty(provider, new Set(listed.map((info) => info.symbol))),
    news: provider,
    sectors: provider,
    ...(weights ? { weights } : {}),
  });
  const progress = createProgress(io, 'scoring');
  const run = await analyzer.scoreAll({
    onProgress: (p) => {
      if (p.phase === 'fetch') progress.update(p.completed, p.total, p.symbol);
    },
  });
  progress.done(
    `${run.results.length} scored${run.errors.length ? `, ${run.errors.length} failed` : ''} ` +
      `(load ${Math.round(run.timings.fetchMs)} ms, score ${Math.round(run.timings.scoreMs)} ms)`,
  );
  return { run, infos: new Map(listed.map((info) => [info.symbol, info])), weights: analyzer.engine.weights };
}

/**
 * The folder provider throws `NotFoundError` for a listed symbol that has no fundamentals row on
 * or before the as-of date, and the analyzer would then drop the whole symbol. A symbol without
 * fundamentals is still rankable (the report warns `missing-fundamentals`; the factor uses the
 * neutral 50 and says so), so such a symbol gets fundamentals with no fields.
 */
function missingFundamentalsAsEmpty(
  provider: FolderProvider,
  listed: ReadonlySet<string>,
): FundamentalsProvider {
  return {
    async getFundamentals(symbol) {
      try {
        return await provider.getFundamentals(symbol);
      } catch (error) {
        if (error instanceof NotFoundError && listed.has(symbol)) return { symbol, source: provider.name };
        throw error;
      }
    },
  };
}
