import type { DataIssue, DataReport } from '@da-ki/providers';
import type { CommandSpec, ParsedArgs } from '../args.js';
import { CliFailure, EXIT_CODES } from '../errors.js';
import { folderOptions, issueText, openFolder } from '../folder.js';
import { renderTable } from '../format/table.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../output.js';
import { choiceFlag } from '../values.js';

export const checkSpec: CommandSpec = {
  name: 'check',
  brief: 'Print the data report of a folder: every file and symbol, status, reasons.',
  summary:
    'Reads a data folder and prints its data report: every file and symbol with its status (ok, warning,\n' +
    'excluded) and the reasons, each naming file:line:column. Exit code 1 when nothing can be scored.',
  positionals: [{ name: 'dir', description: 'The data folder (see docs/data.md).' }],
  flags: {
    'as-of': {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'Check as of this date.',
      defaultText: 'latest date in the folder',
    },
    'include-stale': {
      type: 'boolean',
      description: 'Count stale series as scorable (as `rank --include-stale`).',
    },
    format: { type: 'string', value: 'table|json', description: 'Output format.', defaultText: 'table' },
    out: { type: 'string', value: 'FILE', description: 'Write the report to FILE instead of stdout.' },
  },
  examples: ['da-ki check examples/data', 'da-ki check my-data --format json | jq .summary'],
};

/** `da-ki check <dir>`: the data report. */
export async function runCheck(io: CliIo, args: ParsedArgs): Promise<number> {
  const dir = args.positionals[0] as string;
  const format = choiceFlag('format', args.values.format, ['table', 'json'] as const, 'table');
  const source = folderOptions(args);
  const { report } = await openFolder(io, source);
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportTable(dir, report);
  await writeResult(io, text, args.values.out as string | undefined);
  if (report.summary.scorable === 0) {
    throw new CliFailure(
      `nothing in ${dir} can be scored: see the report for the reasons`,
      EXIT_CODES.failure,
    );
  }
  return EXIT_CODES.ok;
}

/** The report as text: a summary line, the folder's issues, then files and symbols with their reasons. */
export function reportTable(dir: string, report: DataReport): string {
  const { summary } = report;
  const parts = [
    `Data report of ${dir} as of ${report.asOf}: ${summary.files} files, ${summary.symbols} symbols — ` +
      `${summary.ok} ok, ${summary.warning} warning, ${summary.excluded} excluded; ${summary.scorable} can be scored\n`,
  ];
  if (report.issues.length > 0) parts.push(`\nFolder:\n${issueLines(report.issues)}`);
  parts.push(
    '\nFiles:\n',
    withIssues(
      ['file', 'kind', 'status', 'rows', 'symbols'],
      report.files.map((f) => ({
        cells: [f.file, f.kind, f.status, f.rows, f.symbols.length === 1 ? f.symbols[0] : f.symbols.length],
        issues: f.issues,
      })),
      '...r',
    ),
  );
  parts.push(
    '\nSymbols:\n',
    withIssues(
      ['symbol', 'name', 'sector', 'status', 'bars', 'first', 'last', 'fundamentals', 'news', 'file'],
      report.symbols.map((s) => ({
        cells: [
          s.symbol,
          s.name,
          s.sector,
          s.status,
          s.bars,
          s.firstDate ?? '',
          s.lastDate ?? '',
          s.hasFundamentals ? 'yes' : 'no',
          s.newsCount,
          s.file ?? '',
        ],
        issues: s.issues,
      })),
    ),
  );
  return parts.join('');
}

/** A table whose rows are each followed by their issues, indented. */
function withIssues(
  header: string[],
  rows: { cells: (string | number | undefined)[]; issues: DataIssue[] }[],
  align?: string,
): string {
  if (rows.length === 0) return '  (none)\n';
  const table = renderTable(
    header,
    rows.map((r) => r.cells),
    align,
  ).split('\n');
  const out = [table[0], table[1]];
  rows.forEach((row, k) => {
    out.push(table[k + 2]);
    if (row.issues.length > 0) out.push(issueLines(row.issues).trimEnd());
  });
  return `${out.join('\n')}\n`;
}

function issueLines(issues: readonly DataIssue[]): string {
  return issues
    .map((issue) => `    - ${issue.severity === 'excluded' ? 'excluded' : 'warning'}: ${issueText(issue)}\n`)
    .join('');
}
