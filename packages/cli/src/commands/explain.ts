import type { DataIssue } from '@da-ki/providers';
import {
  FACTOR_NAMES,
  type FactorDetail,
  type FactorName,
  type MetricDetail,
  type RiskDetail,
  type ScoreResult,
} from '@da-ki/sdk';
import type { CommandSpec, ParsedArgs } from '../args.js';
import { CliFailure, EXIT_CODES } from '../errors.js';
import { folderOptions, issueText, openFolder } from '../folder.js';
import { fixed, percent, round } from '../format/numbers.js';
import { renderTable } from '../format/table.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../output.js';
import { scoreFolder } from '../scoring.js';
import { choiceFlag, weightsFlag } from '../values.js';

export const explainSpec: CommandSpec = {
  name: 'explain',
  brief: "Explain one symbol's score: factors, inputs, sector medians, percentiles.",
  summary:
    "Shows how one symbol's score came about: each factor's score and weight, every input next to its\n" +
    'sector median and the percentile it earned, the risk inputs, and the data issues of the symbol.\n' +
    'The symbol is scored within the whole folder (scores are cross-sectional).',
  positionals: [
    { name: 'dir', description: 'The data folder (see docs/data.md).' },
    { name: 'SYMBOL', description: 'The symbol to explain.' },
  ],
  flags: {
    'as-of': {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'Score with what was known on this date.',
      defaultText: 'latest date in the folder',
    },
    weights: {
      type: 'string',
      value: 'F=W,...',
      description: 'Factor weights, as for `da-ki rank`.',
      defaultText: '0.30, 0.25, 0.20, 0.15, 0.10',
    },
    'include-stale': {
      type: 'boolean',
      description: 'Score stale series too, as `da-ki rank --include-stale`.',
    },
    format: { type: 'string', value: 'table|json', description: 'Output format.', defaultText: 'table' },
    out: { type: 'string', value: 'FILE', description: 'Write the result to FILE instead of stdout.' },
  },
  examples: [
    'da-ki explain examples/data SMI',
    'da-ki explain my-data MSFT --format json | jq .factors.fundamental',
  ],
};

/** The drill-down of one symbol, as `da-ki explain --format json` prints it. */
export interface ExplainDocument {
  asOf: string;
  symbol: string;
  name: string;
  sector: string;
  score: number;
  grade: string;
  rank: number;
  /** Symbols ranked in the folder. */
  universeSize: number;
  sectorRank: number;
  sectorSize: number;
  riskLevel: string;
  risk: RiskDetail;
  confidenceLevel: string;
  confidence: number;
  /** Weight, score and inputs of each factor. */
  factors: Record<FactorName, FactorDetail & { weight: number }>;
  explanations: string[];
  /** The data report's findings about this symbol and its file. */
  dataIssues: DataIssue[];
}

/** `da-ki explain <dir> <SYMBOL>`: the factor drill-down. */
export async function runExplain(io: CliIo, args: ParsedArgs): Promise<number> {
  const [dir, wanted] = args.positionals as [string, string];
  const format = choiceFlag('format', args.values.format, ['table', 'json'] as const, 'table');
  const source = folderOptions(args);
  const weights = weightsFlag(args.values.weights);
  const folder = await openFolder(io, source);
  const known = folder.report.symbols.map((s) => s.symbol);
  const symbol = known.includes(wanted)
    ? wanted
    : (known.find((s) => s.toUpperCase() === wanted.toUpperCase()) ?? wanted);
  const symbolReport = folder.report.symbols.find((s) => s.symbol === symbol);
  if (!symbolReport) {
    const sample = known.slice(0, 12).join(', ');
    throw new CliFailure(
      `${wanted} is not in ${dir}; it has ${known.length} symbols${known.length ? `: ${sample}${known.length > 12 ? ', ...' : ''}` : ''}`,
    );
  }
  if (symbolReport.status === 'excluded') {
    const reasons = symbolReport.issues.filter((i) => i.severity === 'excluded').map(issueText);
    throw new CliFailure(`${symbol} is excluded from scoring: ${reasons.join('; ') || 'see "da-ki check"'}`);
  }
  const scored = await scoreFolder(io, folder, weights);
  const result = scored.run.results.find((r) => r.symbol === symbol);
  if (!result) {
    const error = scored.run.errors.find((e) => e.symbol === symbol);
    throw new CliFailure(
      `${symbol} could not be scored: ${error ? `${error.name}: ${error.message}` : 'not in the scored universe'}`,
    );
  }
  const doc = explainDocument(folder.report.asOf, result, {
    name: scored.infos.get(symbol)?.name ?? symbolReport.name,
    universeSize: scored.run.results.length,
    weights: scored.weights,
    dataIssues: symbolReport.issues,
  });
  await writeResult(
    io,
    format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : explainTable(doc),
    args.values.out as string | undefined,
  );
  return EXIT_CODES.ok;
}

function explainDocument(
  asOf: string,
  r: ScoreResult,
  extra: {
    name: string;
    universeSize: number;
    weights: Readonly<Record<FactorName, number>>;
    dataIssues: DataIssue[];
  },
): ExplainDocument {
  return {
    asOf,
    symbol: r.symbol,
    name: extra.name,
    sector: r.sector,
    score: round(r.score, 2),
    grade: r.grades.overall,
    rank: r.rank,
    universeSize: extra.universeSize,
    sectorRank: r.sectorRank,
    sectorSize: r.sectorSize,
    riskLevel: r.riskLevel,
    risk: r.risk,
    confidenceLevel: r.confidenceLevel,
    confidence: round(r.confidence, 4),
    factors: Object.fromEntries(
      FACTOR_NAMES.map((f) => [f, { weight: extra.weights[f], ...r.details[f] }]),
    ) as ExplainDocument['factors'],
    explanations: r.explanations,
    dataIssues: extra.dataIssues,
  };
}

/** The drill-down as text. */
export function explainTable(doc: ExplainDocument): string {
  const risk = doc.risk;
  const lines = [
    `${doc.symbol} — ${doc.name} (${doc.sector}), as of ${doc.asOf}\n`,
    `score ${fixed(doc.score, 1)} (${doc.grade}), rank ${doc.rank} of ${doc.universeSize}, ` +
      `${doc.sectorRank} of ${doc.sectorSize} in its sector\n`,
    `risk ${doc.riskLevel}: volatility ${maybe(risk.annualizedVolatility, percent)}, max drawdown ` +
      `${maybe(risk.maxDrawdown, percent)}, beta ${maybe(risk.beta, (b) => fixed(b, 2))}\n`,
    `confidence ${doc.confidenceLevel} (${fixed(doc.confidence * 100, 0)} %)\n`,
  ];
  for (const name of FACTOR_NAMES) {
    const f = doc.factors[name];
    lines.push(
      `\n${name}: ${fixed(f.score, 1)} (${f.grade}), weight ${percent(f.weight, 0)}, ` +
        `inputs present ${percent(f.confidence, 0)}\n`,
    );
    lines.push(
      renderTable(
        ['input', 'value', 'sector median', 'percentile', 'weight', 'vs', 'note'],
        f.metrics.map((m) => [
          m.label,
          metricValue(m, m.value),
          metricValue(m, m.sectorMedian),
          m.percentile === null ? '—' : fixed(m.percentile, 0),
          percent(m.weight, 0),
          m.comparedWith,
          [m.missing ? 'missing: neutral 50 used' : '', m.note ?? ''].filter(Boolean).join('; '),
        ]),
        '.rrrr',
      ).replace(/^/gm, '  '),
    );
  }
  if (doc.explanations.length > 0) lines.push('\nWhy:\n', ...doc.explanations.map((e) => `  - ${e}\n`));
  if (doc.dataIssues.length > 0)
    lines.push('\nData:\n', ...doc.dataIssues.map((i) => `  - ${i.severity}: ${issueText(i)}\n`));
  return lines.join('').replace(/ +\n/g, '\n');
}

function metricValue(m: MetricDetail, value: number | null): string {
  if (value === null) return '—';
  switch (m.unit) {
    case 'percent':
      return percent(value);
    case 'count':
    case 'days':
      return fixed(value, 0);
    default:
      return fixed(value, 2);
  }
}

function maybe(value: number | null, format: (v: number) => string): string {
  return value === null ? 'n/a' : format(value);
}
