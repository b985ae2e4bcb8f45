import { type Fundamentals, type NewsItem, symbolSchema } from '@da-ki/sdk';
import { normaliseHeader } from '../csv/csv-layout.js';
import { describeDateProblem, isMissing, parseDate, parseNumber } from '../csv/parse-values.js';
import { detectDialect } from './csv-dialect.js';
import { openCsvInput } from './csv-input.js';
import type { DataIssue, FileReport } from './data-report.js';
import type { FileHash } from './fingerprint.js';
import type { FileSettings } from './folder-config.js';
import { CsvReadError, forEachRecord } from './read-records.js';

/** A universe row: what universe.csv says about one symbol. */
export interface UniverseEntry {
  symbol: string;
  name: string;
  sector: string;
  industry?: string;
  currency?: string;
  exchange?: string;
  line: number;
}

/** One dated fundamentals row, as written (money fields in `currency`). */
export interface FundamentalsRow {
  symbol: string;
  date: number;
  line: number;
  values: Partial<Record<FundamentalField, number>>;
  currency?: string;
}

/** The numeric fields of `Fundamentals` a fundamentals.csv column can fill. */
export type FundamentalField =
  | 'peRatio'
  | 'pbRatio'
  | 'debtToEquity'
  | 'returnOnEquity'
  | 'revenueGrowth'
  | 'earningsGrowth'
  | 'marketCap'
  | 'earnings'
  | 'bookValue'
  | 'revenue'
  | 'profitMargin'
  | 'dividendYield'
  | 'beta';

/** Fields in money units, converted between currencies; the rest are unit-free ratios. */
export const MONEY_FIELDS: readonly FundamentalField[] = ['marketCap', 'earnings', 'bookValue', 'revenue'];

/** fundamentals.csv column names (normalised) per field, the first being the documented one. */
export const FUNDAMENTAL_COLUMNS: Readonly<Record<FundamentalField, readonly string[]>> = {
  peRatio: ['pe', 'peratio', 'pricetoearnings'],
  pbRatio: ['pb', 'pbratio', 'pricetobook'],
  debtToEquity: ['debttoequity', 'de'],
  returnOnEquity: ['roe', 'returnonequity'],
  revenueGrowth: ['revenuegrowth'],
  earningsGrowth: ['epsgrowth', 'earningsgrowth'],
  marketCap: ['marketcap', 'mktcap'],
  earnings: ['earnings', 'netincome'],
  bookValue: ['bookvalue', 'equity'],
  revenue: ['revenue', 'sales'],
  profitMargin: ['profitmargin', 'netmargin'],
  dividendYield: ['dividendyield'],
  beta: ['beta'],
};

/** A table file read whole (universe, fundamentals and news are small), with its report. */
interface Table {
  report: FileReport;
  header: string[];
  rows: { record: string[]; line: number }[];
  decimalComma: boolean;
}

/**
 * Reads a small CSV table. Returns `undefined` (and an excluded report) when the file cannot be
 * parsed or has no header; rows whose field count differs from the header are bad rows.
 */
async function readTable(
  path: string,
  file: string,
  kind: FileReport['kind'],
  settings: FileSettings,
  bad: BadRows,
  onHashed: ((hash: FileHash) => void) | undefined,
): Promise<Table> {
  const report: FileReport = { file, kind, status: 'ok', rows: 0, symbols: [], issues: [] };
  const table: Table = { report, header: [], rows: [], decimalComma: false };
  try {
    const input = await openCsvInput(path, onHashed);
    const dialect = await detectDialect(input, settings);
    table.decimalComma = dialect.decimalComma;
    await forEachRecord(input, dialect, (record, line) => {
      if (table.header.length === 0) {
        table.header = record;
        return true;
      }
      report.rows++;
      if (record.length !== table.header.length) {
        bad.add(line, undefined, `has ${record.length} fields, the header has ${table.header.length}`);
      } else table.rows.push({ record, line });
      return true;
    });
  } catch (error) {
    const line = error instanceof CsvReadError ? error.line : undefined;
    report.issues.push({
      code: 'unreadable',
      severity: 'excluded',
      file,
      ...(line === undefined ? {} : { line }),
      message: `${file}: cannot be read: ${(error as Error).message}`,
    });
    report.status = 'excluded';
  }
  if (report.status !== 'excluded' && table.header.length === 0) {
    report.issues.push({
      code: 'unreadable',
      severity: 'excluded',
      file,
      message: `${file}: the file is empty (no header row)`,
    });
    report.status = 'excluded';
  } else if (report.status !== 'excluded' && report.rows === 0) {
    report.issues.push({
      code: 'header-only',
      severity: 'warning',
      file,
      line: 1,
      message: `${file}: has a header and no data rows`,
    });
  }
  return table;
}

/** Collects bad rows: the first excludes the file unless `skipBadRows`, which makes each a warning. */
class BadRows {
  readonly issues: DataIssue[] = [];
  fatal = false;
  constructor(
    readonly file: string,
    readonly skip: boolean,
  ) {}
  add(line: number, column: string | undefined, message: string): void {
    const where = `${this.file} line ${line}${column === undefined ? '' : `, column ${column}`}`;
    if (this.skip) {
      this.issues.push({
        code: 'bad-row',
        severity: 'warning',
        file: this.file,
        line,
        ...(column ? { column } : {}),
        message: `${where}: ${message} (row skipped)`,
      });
    } else if (!this.fatal) {
      this.fatal = true;
      this.issues.push({
        code: 'unreadable',
        severity: 'excluded',
        file: this.file,
        line,
        ...(column ? { column } : {}),
        message: `${where}: ${message}; the file is not used (fix the row, or set "skipBadRows": true in da-ki.json)`,
      });
    }
  }
}

function finish<T>(table: Table, bad: BadRows, values: T[]): { report: FileReport; values: T[] } {
  const { report } = table;
  report.issues.push(...bad.issues);
  if (bad.fatal || report.status === 'excluded') {
    report.status = 'excluded';
    return { report, values: [] };
  }
  if (report.issues.length > 0) report.status = 'warning';
  return { report, values };
}

function columnIndex(header: readonly string[], names: readonly string[]): number | undefined {
  const normalised = header.map(normaliseHeader);
  for (const name of names) {
    const k = normalised.indexOf(name);
    if (k >= 0) return k;
  }
  return undefined;
}

function requireColumns(
  table: Table,
  wanted: Record<string, readonly string[]>,
): Record<string, number> | undefined {
  const found: Record<string, number> = {};
  const missing: string[] = [];
  for (const [name, aliases] of Object.entries(wanted)) {
    const k = columnIndex(table.header, aliases);
    if (k === undefined) missing.push(name);
    else found[name] = k;
  }
  if (missing.length === 0) return found;
  table.report.issues.push({
    code: 'unreadable',
    severity: 'excluded',
    file: table.report.file,
    line: 1,
    message: `${table.report.file}: missing column ${missing.map((m) => JSON.stringify(m)).join(', ')} (header: ${table.header.join(',')})`,
  });
  table.report.status = 'excluded';
  return undefined;
}

function symbolCell(
  row: { record: string[]; line: number },
  k: number,
  column: string,
  bad: BadRows,
): string | undefined {
  const text = (row.record[k] ?? '').trim();
  if (!symbolSchema.safeParse(text).success) {
    bad.add(row.line, column, `${JSON.stringify(text)} is not a symbol`);
    return undefined;
  }
  return text.toUpperCase();
}

/** universe.csv: symbol,name,sector[,industry,currency,exchange]. */
export async function readUniverse(
  path: string,
  file: string,
  settings: FileSettings,
  onHashed?: (hash: FileHash) => void,
) {
  const bad = new BadRows(file, settings.skipBadRows ?? false);
  const table = await readTable(path, file, 'universe', settings, bad, onHashed);
  if (table.report.status === 'excluded') return finish<UniverseEntry>(table, bad, []);
  const cols = requireColumns(table, { symbol: ['symbol', 'ticker'] });
  if (!cols) return finish<UniverseEntry>(table, bad, []);
  const optional = (names: string[]) => columnIndex(table.header, names);
  const k = {
    name: optional(['name', 'company', 'companyname']),
    sector: optional(['sector', 'gicssector']),
    industry: optional(['industry']),
    currency: optional(['currency']),
    exchange: optional(['exchange']),
  };
  const seen = new Set<string>();
  const entries: UniverseEntry[] = [];
  for (const row of table.rows) {
    const symbol = symbolCell(row, cols.symbol as number, table.header[cols.symbol as number] as string, bad);
    if (!symbol) continue;
    const text = (index: number | undefined) => (index === undefined ? '' : (row.record[index] ?? '').trim());
    const currency = text(k.currency);
    if (currency !== '' && !/^[A-Za-z]{3}$/.test(currency)) {
      bad.add(
        row.line,
        table.header[k.currency as number],
        `currency ${JSON.stringify(currency)} is not a three-letter code`,
      );
      continue;
    }
    if (seen.has(symbol)) {
      table.report.issues.push({
        code: 'duplicate',
        severity: 'warning',
        file,
        line: row.line,
        message: `${file} line ${row.line}: ${symbol} is listed again; the first row is used`,
      });
      continue;
    }
    seen.add(symbol);
    entries.push({
      symbol,
      name: text(k.name) || symbol,
      sector: text(k.sector) || 'Unknown',
      line: row.line,
      ...(text(k.industry) ? { industry: text(k.industry) } : {}),
      ...(currency ? { currency } : {}),
      ...(text(k.exchange) ? { exchange: text(k.exchange) } : {}),
    });
  }
  table.report.symbols = entries.map((e) => e.symbol);
  return finish(table, bad, entries);
}

/** fundamentals.csv: symbol,date and any of the documented metric columns, [currency]. */
export async function readFundamentals(
  path: string,
  file: string,
  settings: FileSettings,
  onHashed?: (hash: FileHash) => void,
) {
  const bad = new BadRows(file, settings.skipBadRows ?? false);
  const table = await readTable(path, file, 'fundamentals', settings, bad, onHashed);
  if (table.report.status === 'excluded') return finish<FundamentalsRow>(table, bad, []);
  const cols = requireColumns(table, {
    symbol: ['symbol', 'ticker'],
    date: ['date', 'asof', 'reportdate', 'datum'],
  });
  if (!cols) return finish<FundamentalsRow>(table, bad, []);
  const metrics = (Object.entries(FUNDAMENTAL_COLUMNS) as [FundamentalField, readonly string[]][])
    .map(([field, names]) => ({ field, k: columnIndex(table.header, names) }))
    .filter((m): m is { field: FundamentalField; k: number } => m.k !== undefined);
  const currencyColumn = columnIndex(table.header, ['currency']);
  const rows: FundamentalsRow[] = [];
  eachRow: for (const row of table.rows) {
    const symbol = symbolCell(row, cols.symbol as number, table.header[cols.symbol as number] as string, bad);
    if (!symbol) continue;
    const dateText = row.record[cols.date as number] ?? '';
    const date = parseDate(dateText, settings.dateFormat);
    if (date === undefined) {
      bad.add(
        row.line,
        table.header[cols.date as number],
        `date ${describeDateProblem(dateText, settings.dateFormat)}`,
      );
      continue;
    }
    const values: FundamentalsRow['values'] = {};
    for (const { field, k } of metrics) {
      const text = row.record[k] ?? '';
      if (isMissing(text)) continue;
      const value = parseNumber(text, table.decimalComma);
      if (value === undefined || (field === 'marketCap' && value < 0)) {
        bad.add(
          row.line,
          table.header[k],
          `${JSON.stringify(text)} is not a${field === 'marketCap' ? ' non-negative' : ''} number`,
        );
        continue eachRow;
      }
      values[field] = value;
    }
    const currency = currencyColumn === undefined ? '' : (row.record[currencyColumn] ?? '').trim();
    if (currency !== '' && !/^[A-Za-z]{3}$/.test(currency)) {
      bad.add(
        row.line,
        table.header[currencyColumn as number],
        `currency ${JSON.stringify(currency)} is not a three-letter code`,
      );
      continue;
    }
    rows.push({ symbol, date, line: row.line, values, ...(currency ? { currency } : {}) });
  }
  table.report.symbols = [...new Set(rows.map((r) => r.symbol))].sort();
  return finish(table, bad, rows);
}

/** A news row with its line. */
export interface NewsRow {
  item: NewsItem;
  line: number;
}

/** news.csv: symbol,published_at,headline[,source,url]. */
export async function readNews(
  path: string,
  file: string,
  settings: FileSettings,
  defaultSource: string,
  onHashed?: (hash: FileHash) => void,
) {
  const bad = new BadRows(file, settings.skipBadRows ?? false);
  const table = await readTable(path, file, 'news', settings, bad, onHashed);
  if (table.report.status === 'excluded') return finish<NewsRow>(table, bad, []);
  const cols = requireColumns(table, {
    symbol: ['symbol', 'ticker'],
    published_at: ['publishedat', 'published', 'date', 'datetime', 'time', 'timestamp', 'datum'],
    headline: ['headline', 'title', 'text'],
  });
  if (!cols) return finish<NewsRow>(table, bad, []);
  const sourceColumn = columnIndex(table.header, ['source', 'publisher']);
  const urlColumn = columnIndex(table.header, ['url', 'link']);
  const rows: NewsRow[] = [];
  for (const row of table.rows) {
    const symbol = symbolCell(row, cols.symbol as number, table.header[cols.symbol as number] as string, bad);
    if (!symbol) continue;
    const dateText = row.record[cols.published_at as number] ?? '';
    const publishedAt = parseDate(dateText, settings.dateFormat);
    if (publishedAt === undefined) {
      bad.add(
        row.line,
        table.header[cols.published_at as number],
        `date ${describeDateProblem(dateText, settings.dateFormat)}`,
      );
      continue;
    }
    const title = (row.record[cols.headline as number] ?? '').trim();
    if (title === '') {
      bad.add(row.line, table.header[cols.headline as number], 'the headline is empty');
      continue;
    }
    const source = sourceColumn === undefined ? '' : (row.record[sourceColumn] ?? '').trim();
    const url = urlColumn === undefined ? '' : (row.record[urlColumn] ?? '').trim();
    // `source` is NewsItem.source: "social" marks social-media posts (see docs/data.md).
    rows.push({
      item: { symbol, source: source || defaultSource, title, publishedAt, ...(url ? { url } : {}) },
      line: row.line,
    });
  }
  table.report.symbols = [...new Set(rows.map((r) => r.item.symbol))].sort();
  return finish(table, bad, rows);
}

/** The `Fundamentals` fields of a row (money already converted by the caller). */
export function fundamentalsOf(row: FundamentalsRow, source: string): Fundamentals {
  return { symbol: row.symbol, source, ...row.values, asOf: row.date };
}
