import type { CommandSpec, ParsedArgs } from '../args.js';
import { CliFailure, EXIT_CODES } from '../errors.js';
import { folderOptions, openFolder } from '../folder.js';
import { toCsv } from '../format/csv.js';
import { fixed } from '../format/numbers.js';
import { renderTable } from '../format/table.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../output.js';
import { scoreFolder } from '../scoring.js';
import { choiceFlag, integerFlag, weightsFlag } from '../values.js';
import { type RankDocument, rankDocument, smallUniverseWarning } from './rank-document.js';

/** Rows the table shows when `--top` is not given (JSON and CSV carry every ranked symbol). */
export const DEFAULT_TABLE_TOP = 20;

export const rankSpec: CommandSpec = {
  name: 'rank',
  brief: 'Rank the folder with the five-factor growth score.',
  summary:
    'Scores every scorable symbol of a data folder with the five-factor growth score and prints the\n' +
    'ranking, best first, with the excluded files and symbols and the data warnings.',
  positionals: [{ name: 'dir', description: 'The data folder (see docs/data.md).' }],
  flags: {
    top: {
      type: 'string',
      value: 'N',
      description: 'Show the N best.',
      defaultText: `${DEFAULT_TABLE_TOP} for table, all for json and csv`,
    },
    'as-of': {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'Score with what was known on this date (prices, fundamentals, news cut there).',
      defaultText: 'latest date in the folder',
    },
    weights: {
      type: 'string',
      value: 'F=W,...',
      description:
        'Factor weights: performance=W,fundamental=W,sentiment=W,sector=W,momentum=W, all five, non-negative, summing to 1.',
      defaultText: '0.30, 0.25, 0.20, 0.15, 0.10',
    },
    'include-stale': {
      type: 'boolean',
      description: 'Rank series that end more than 5 trading days before the as-of date too.',
    },
    format: { type: 'string', value: 'table|json|csv', description: 'Output format.', defaultText: 'table' },
    out: { type: 'string', value: 'FILE', description: 'Write the result to FILE instead of stdout.' },
  },
  examples: [
    'da-ki rank examples/data',
    'da-ki rank my-data --top 10 --as-of 2024-06-28',
    "da-ki rank my-data --format json | jq '.ranked[] | {symbol, score}'",
    'da-ki rank my-data --weights performance=0.5,fundamental=0.2,sentiment=0.1,sector=0.1,momentum=0.1',
  ],
};

/** `da-ki rank <dir>`: the ranking. */
export async function runRank(io: CliIo, args: ParsedArgs): Promise<number> {
  const dir = args.positionals[0] as string;
  const format = choiceFlag('format', args.values.format, ['table', 'json', 'csv'] as const, 'table');
  const top = integerFlag('top', args.values.top, { min: 1 });
  const source = folderOptions(args);
  const weights = weightsFlag(args.values.weights);
  const folder = await openFolder(io, source);
  const scored = await scoreFolder(io, folder, weights);
  const document = rankDocument(
    dir,
    folder.report,
    scored,
    top ?? (format === 'table' ? DEFAULT_TABLE_TOP : undefined),
  );
  const text =
    format === 'json'
      ? `${JSON.stringify(document, null, 2)}\n`
      : format === 'csv'
        ? rankCsv(document)
        : rankTable(document);
  await writeResult(io, text, args.values.out as string | undefined);
  if (scored.run.results.length === 0) {
    throw new CliFailure(`nothing in ${dir} can be scored: run "da-ki check ${dir}" for the reasons`);
  }
  return EXIT_CODES.ok;
}

/** The ranking as a text table, with the excluded list and a warning count. */
export function rankTable(doc: RankDocument): string {
  const { universe } = doc;
  const lines = [
    `DA-KI growth ranking of ${universe.dir} as of ${doc.asOf}: ${universe.ranked} ranked of ` +
      `${universe.symbols} symbols${doc.ranked.length < universe.ranked ? `, best ${doc.ranked.length} shown` : ''}\n\n`,
  ];
  lines.push(
    renderTable(
      [
        'rank',
        'symbol',
        'name',
        'sector',
        'score',
        'grade',
        'perf',
        'fund',
        'sent',
        'sect',
        'mom',
        'risk',
        'conf',
        'why',
      ],
      doc.ranked.map((r) => [
        r.rank,
        r.symbol,
        clip(r.name, 24),
        clip(r.sector, 22),
        fixed(r.score, 1),
        r.grade,
        fixed(r.factors.performance, 0),
        fixed(r.factors.fundamental, 0),
        fixed(r.factors.sentiment, 0),
        fixed(r.factors.sector, 0),
        fixed(r.factors.momentum, 0),
        r.riskLevel,
        r.confidenceLevel,
        r.explanations[0] ?? '',
      ]),
      'r...r.rrrrr',
    ),
  );
  if (doc.excluded.length > 0) {
    lines.push(`\nExcluded (${doc.excluded.length}):\n`);
    for (const e of doc.excluded) {
      const who = e.symbol ?? (e.file && !e.reason.includes(e.file) ? e.file : undefined);
      lines.push(`  ${who ? `${who}: ` : ''}${e.reason}\n`);
    }
  }
  const [small] = smallUniverseWarning(universe.ranked);
  if (small) lines.push(`\nWarning: ${small}.\n`);
  const dataWarnings = doc.warnings.length - (small ? 1 : 0);
  if (dataWarnings > 0) {
    lines.push(
      `\n${dataWarnings} data warning${dataWarnings === 1 ? '' : 's'}: run "da-ki check ${universe.dir}" to see them.\n`,
    );
  }
  return lines.join('');
}

/** The ranking as CSV: one row per ranked stock, the factor scores in their own columns. */
export function rankCsv(doc: RankDocument): string {
  return toCsv(
    [
      'rank',
      'symbol',
      'name',
      'sector',
      'score',
      'grade',
      'performance',
      'fundamental',
      'sentiment',
      'sector_score',
      'momentum',
      'risk_level',
      'confidence_level',
      'explanation',
    ],
    doc.ranked.map((r) => [
      r.rank,
      r.symbol,
      r.name,
      r.sector,
      r.score,
      r.grade,
      r.factors.performance,
      r.factors.fundamental,
      r.factors.sentiment,
      r.factors.sector,
      r.factors.momentum,
      r.riskLevel,
      r.confidenceLevel,
      r.explanations.join(' '),
    ]),
  );
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
