import type { FolderSymbolInfo } from '@da-ki/providers';
import { type AnalysisRun, createAnalyzer, type FactorWeights } from '@da-ki/sdk';
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
    fundamentals: provider,
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
