import type { DataReport } from '@da-ki/providers';
import { FACTOR_NAMES, type FactorScores } from '@da-ki/sdk';
import { issuesOf, issueText } from '../folder.js';
import { round } from '../format/numbers.js';
import type { ScoredFolder } from '../scoring.js';

/**
 * Below this many ranked symbols the score says little: every metric is a percentile within the
 * ranked universe, so a lone symbol lands at 50 on each of them whatever its numbers are.
 */
export const MIN_MEANINGFUL_UNIVERSE = 5;

/** One ranked stock in `da-ki rank --format json`. */
export interface RankedEntry {
  /** 1 = best of the scored universe (unchanged by `--top`). */
  rank: number;
  symbol: string;
  name: string;
  sector: string;
  /** Overall score 0–100, two decimals. */
  score: number;
  /** Letter grade of the overall score. */
  grade: string;
  /** The five factor scores 0–100, two decimals. */
  factors: FactorScores;
  riskLevel: string;
  confidenceLevel: string;
  explanations: string[];
}

/** A symbol or file left out of the ranking, and why. */
export interface ExcludedEntry {
  /** `null` for a file that supplied no symbol (unreadable, header only, a name that is no ticker). */
  symbol: string | null;
  /** The file, relative to the folder; `null` when no file can be named. */
  file: string | null;
  reason: string;
}

/** The one JSON document `da-ki rank --format json` prints. */
export interface RankDocument {
  /** The as-of date, `YYYY-MM-DD`. */
  asOf: string;
  /** What was ranked: the folder, its fingerprint, and how many symbols. */
  universe: {
    dir: string;
    fingerprint: string;
    files: number;
    symbols: number;
    scorable: number;
    ranked: number;
  };
  ranked: RankedEntry[];
  excluded: ExcludedEntry[];
  /** The report's warnings, each naming file, line and column. */
  warnings: string[];
}

/**
 * Builds the rank document from the data report and the analyzer's run: `excluded` holds the
 * report's excluded symbols and files and the symbols the analyzer failed on; `top` limits
 * `ranked` only.
 */
export function rankDocument(
  dir: string,
  report: DataReport,
  scored: ScoredFolder,
  top?: number,
): RankDocument {
  const { run, infos } = scored;
  const results = top === undefined ? run.results : run.results.slice(0, top);
  const ranked = results.map(
    (r): RankedEntry => ({
      rank: r.rank,
      symbol: r.symbol,
      name: infos.get(r.symbol)?.name ?? r.symbol,
      sector: r.sector,
      score: round(r.score, 2),
      grade: r.grades.overall,
      factors: Object.fromEntries(FACTOR_NAMES.map((f) => [f, round(r.factors[f], 2)])) as FactorScores,
      riskLevel: r.riskLevel,
      confidenceLevel: r.confidenceLevel,
      explanations: r.explanations,
    }),
  );
  return {
    asOf: report.asOf,
    universe: {
      dir,
      fingerprint: report.fingerprint,
      files: report.summary.files,
      symbols: report.summary.symbols,
      scorable: report.summary.scorable,
      ranked: run.results.length,
    },
    ranked,
    excluded: excludedEntries(report, scored),
    warnings: [...smallUniverseWarning(run.results.length), ...issuesOf(report, 'warning').map(issueText)],
  };
}

/** The warning for a universe too small for percentile scores (none for 0: that run fails anyway). */
export function smallUniverseWarning(ranked: number): string[] {
  if (ranked === 0 || ranked >= MIN_MEANINGFUL_UNIVERSE) return [];
  return [
    `only ${ranked} symbol${ranked === 1 ? '' : 's'} ranked: scores are percentiles within the ranked ` +
      `universe, so with fewer than ${MIN_MEANINGFUL_UNIVERSE} they say little (a lone symbol scores about 50 on every metric)`,
  ];
}

function excludedEntries(report: DataReport, { run }: ScoredFolder): ExcludedEntry[] {
  const entries: ExcludedEntry[] = [];
  const seen = new Set<string>();
  const filesListed = new Set<string | null>();
  const add = (entry: ExcludedEntry) => {
    const key = `${entry.symbol}\u0000${entry.file}\u0000${entry.reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    filesListed.add(entry.file);
    entries.push(entry);
  };
  const fileOfSymbol = new Map(report.symbols.map((s) => [s.symbol, s.file]));
  for (const symbol of report.symbols) {
    if (symbol.status !== 'excluded') continue;
    const reasons = symbol.issues.filter((issue) => issue.severity === 'excluded');
    const file = symbol.file ?? reasons[0]?.file ?? null;
    add({ symbol: symbol.symbol, file, reason: reasons.map(issueText).join('; ') || 'excluded' });
  }
  for (const file of report.files) {
    if (file.status !== 'excluded') continue;
    const reasons = file.issues.filter((issue) => issue.severity === 'excluded');
    const reason = reasons.map(issueText).join('; ') || 'excluded';
    // A file whose symbol was excluded for it is already listed through that symbol.
    if (filesListed.has(file.file)) continue;
    add({ symbol: file.symbols.length === 1 ? (file.symbols[0] as string) : null, file: file.file, reason });
  }
  for (const error of run.errors) {
    add({
      symbol: error.symbol,
      file: fileOfSymbol.get(error.symbol) ?? null,
      reason: `${error.name}: ${error.message}`,
    });
  }
  return entries;
}
