import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Fundamentals,
  HORIZON_BARS,
  MIN_RISK_RETURNS,
  MOMENTUM_PERIODS,
  mapWithConcurrency,
  type NewsItem,
  type SymbolInfo,
} from '@da-ki/sdk';
import { endOfDay, isoDay, weekdaysAfter } from './calendar.js';
import type { ColumnStore } from './column-store.js';
import { convertMoney } from './currency.js';
import type { DataIssue, DataReport, DataStatus, FileReport, SymbolReport } from './data-report.js';
import { type FileHash, listFolderFiles } from './fingerprint.js';
import { type FolderConfig, folderConfigSchema, settingsFor } from './folder-config.js';
import { type ReadSeries, readPriceFile } from './read-price-file.js';
import {
  type FundamentalsRow,
  fundamentalsOf,
  readFundamentals,
  readNews,
  readUniverse,
  type UniverseEntry,
} from './read-tables.js';

const DAY_MS = 86_400_000;

/** Fewest bars a symbol needs to be ranked at all: a 1-month return (and a risk estimate). */
export const MIN_SCORABLE_BARS = Math.max(HORIZON_BARS['1m'], MIN_RISK_RETURNS) + 1;
/** Bars for every price input of every factor: the 12-month return of the performance factor. */
export const FULL_HISTORY_BARS = HORIZON_BARS['12m'] + 1;
/** A last bar more than this many trading days before the as-of date is stale. */
export const STALE_TRADING_DAYS = 5;

/** A symbol of a data folder: universe.csv's name, sector, industry, currency and exchange. */
export interface FolderSymbolInfo extends SymbolInfo {
  industry?: string;
  currency?: string;
  exchange?: string;
}

/** Everything read from a folder, cut at the as-of date. */
export interface FolderData {
  report: DataReport;
  asOf: number;
  /** Scorable symbols, sorted. */
  listed: FolderSymbolInfo[];
  /** Bars of every symbol that has any on or before the as-of date, cut at the as-of date. */
  bars: Map<string, ServedBars>;
  info: Map<string, FolderSymbolInfo>;
  /** Why a symbol cannot be served (excluded or unknown). */
  excluded: Map<string, string>;
  /** Fundamentals per symbol, ascending by date, all on or before the as-of date. */
  fundamentals: Map<string, Fundamentals[]>;
  /** Headlines per symbol, newest first, all published on or before the as-of date. */
  news: Map<string, NewsItem[]>;
  /** Whether the folder has a fundamentals.csv at all. */
  hasFundamentalsFile: boolean;
}

/** A symbol's bars on or before the as-of date: rows `[0, end)` of its compact store. */
export interface ServedBars {
  store: ColumnStore;
  end: number;
}

/** How to load a folder. */
export interface LoadOptions {
  dir: string;
  asOf: number | undefined;
  includeStale: boolean;
  source: string;
  /**
   * The folder's fingerprint, given the hashes of the files the loader read (by relative path,
   * taken from the bytes it parsed), so that no file is read twice.
   */
  fingerprint: (read: ReadonlyMap<string, FileHash>) => Promise<string>;
  onProgress?: (p: { phase: 'read'; completed: number; total: number; file: string }) => void;
}

/** Files read at once. */
const READ_CONCURRENCY = 8;

const KNOWN_FILES = new Set(['universe.csv', 'prices.csv', 'fundamentals.csv', 'news.csv', 'da-ki.json']);

/** Reads a whole data folder (see docs/data.md) and builds its report. */
export async function loadFolder(options: LoadOptions): Promise<FolderData> {
  const { dir, source } = options;
  const listing = await listFolderFiles(dir);
  const files: FileReport[] = [];
  const folderIssues: DataIssue[] = [];
  const config = await readConfig(dir, listing, files, folderIssues);

  // Price files: prices/*.csv, prices.csv, and any other CSV at the top (a flat folder of
  // <SYMBOL>.csv files, as CsvProvider reads, works too).
  const priceFiles = listing.filter(
    (f) =>
      !f.isDirectory &&
      /\.csv$/i.test(f.file) &&
      (f.file.startsWith('prices/') ||
        (!f.file.includes('/') && !KNOWN_FILES.has(f.file)) ||
        f.file === 'prices.csv'),
  );
  for (const f of listing) {
    if (KNOWN_FILES.has(f.file) || priceFiles.includes(f) || f.file === 'prices') continue;
    files.push(otherFile(f.file, f.isDirectory));
  }
  const tableFiles = ['universe.csv', 'fundamentals.csv', 'news.csv'].filter((name) =>
    listing.some((f) => f.file === name),
  );
  const total = priceFiles.length + tableFiles.length;
  let completed = 0;
  const progress = (file: string) =>
    options.onProgress?.({ phase: 'read', completed: ++completed, total, file });
  const hashes = new Map<string, FileHash>();
  const hashed = (file: string) => (hash: FileHash) => hashes.set(file, hash);
  // Dates parsed once per distinct text for the whole folder (files of one folder share their
  // trading days), per date format.
  const dateCaches = new Map<string, Map<string, number>>();
  const datesFor = (format: string | undefined) => {
    let cache = dateCaches.get(format ?? '');
    if (!cache) dateCaches.set(format ?? '', (cache = new Map()));
    return cache;
  };

  // Series by symbol; the first file in name order wins a symbol that two files supply.
  const series = new Map<string, ReadSeries>();
  const symbolIssues = new Map<string, DataIssue[]>();
  const issuesOf = (symbol: string) => {
    let list = symbolIssues.get(symbol);
    if (!list) symbolIssues.set(symbol, (list = []));
    return list;
  };
  const failedFiles = new Map<string, string>();
  // Files are read concurrently (the time of many small files is mostly waiting for the disk)
  // and merged in name order, so which file wins a duplicated symbol does not depend on timing.
  const results = await mapWithConcurrency(priceFiles, READ_CONCURRENCY, async ({ file }) => {
    const settings = settingsFor(config, file);
    const result = await readPriceFile({
      path: join(dir, file),
      file,
      settings,
      ...(config.symbolFromFile === undefined ? {} : { symbolFromFile: config.symbolFromFile }),
      onHashed: hashed(file),
      dates: datesFor(settings.dateFormat),
    });
    progress(file);
    return result;
  });
  for (const result of results) {
    const { file } = result.report;
    files.push(result.report);
    for (const { symbol, issues } of result.excludedSymbols) {
      if (series.has(symbol)) continue;
      issuesOf(symbol).push(...issues);
      failedFiles.set(symbol, file);
    }
    for (const read of result.series) {
      const kept = series.get(read.symbol);
      if (kept) {
        const issue: DataIssue = {
          code: 'duplicate-symbol',
          severity: 'warning',
          file,
          message: `${file}: ${read.symbol} is also in ${kept.file}, which is used (the first file in name order)`,
        };
        result.report.issues.push(issue);
        if (result.report.status === 'ok') result.report.status = 'warning';
        issuesOf(read.symbol).push(issue);
        continue;
      }
      series.set(read.symbol, read);
      symbolIssues.set(read.symbol, [...read.issues]);
      failedFiles.delete(read.symbol);
    }
  }

  let universe: UniverseEntry[] | undefined;
  if (tableFiles.includes('universe.csv')) {
    const read = await readUniverse(
      join(dir, 'universe.csv'),
      'universe.csv',
      settingsFor(config, 'universe.csv'),
      hashed('universe.csv'),
    );
    files.push(read.report);
    universe = read.report.status === 'excluded' ? undefined : read.values;
    progress('universe.csv');
  }
  if (!universe) {
    folderIssues.push({
      code: 'no-universe',
      severity: 'warning',
      ...(tableFiles.includes('universe.csv') ? { file: 'universe.csv' } : {}),
      message: tableFiles.includes('universe.csv')
        ? 'universe.csv cannot be used (see its issues): every price file is a symbol named after itself, in sector "Unknown"'
        : 'no universe.csv: every price file is a symbol named after itself, in sector "Unknown" (add universe.csv with symbol,name,sector for names and a meaningful sector factor)',
    });
  }
  const universeBySymbol = new Map((universe ?? []).map((entry) => [entry.symbol, entry]));

  // The as-of date: the option, else the latest bar in the folder.
  let latest = Number.NEGATIVE_INFINITY;
  for (const read of series.values()) {
    latest = Math.max(latest, read.columns.timestampAt(read.columns.length - 1));
  }
  const asOfDay =
    options.asOf ??
    (Number.isFinite(latest)
      ? Math.floor(latest / DAY_MS) * DAY_MS
      : Math.floor(Date.now() / DAY_MS) * DAY_MS);
  const cutoff = endOfDay(asOfDay);

  const bars = new Map<string, ServedBars>();
  const info = new Map<string, FolderSymbolInfo>();
  const symbols: SymbolReport[] = [];
  const allSymbols = [
    ...new Set([...series.keys(), ...universeBySymbol.keys(), ...failedFiles.keys()]),
  ].sort();
  for (const symbol of allSymbols) {
    const entry = universeBySymbol.get(symbol);
    const symbolInfo: FolderSymbolInfo = entry
      ? {
          symbol,
          name: entry.name,
          sector: entry.sector,
          ...(entry.industry ? { industry: entry.industry } : {}),
          ...(entry.currency
            ? { currency: entry.currency }
            : config.currency
              ? { currency: config.currency }
              : {}),
          ...(entry.exchange ? { exchange: entry.exchange } : {}),
        }
      : {
          symbol,
          name: symbol,
          sector: 'Unknown',
          ...(config.currency ? { currency: config.currency } : {}),
        };
    info.set(symbol, symbolInfo);
    const issues = issuesOf(symbol);
    const notes: string[] = [];
    const read = series.get(symbol);
    const report: SymbolReport = {
      symbol,
      name: symbolInfo.name,
      sector: symbolInfo.sector,
      status: 'ok',
      bars: 0,
      hasFundamentals: false,
      newsCount: 0,
      issues,
    };
    const file = read?.file ?? failedFiles.get(symbol);
    if (file) report.file = file;
    if (!read) {
      if (!failedFiles.has(symbol)) {
        issues.push({
          code: 'no-prices',
          severity: 'excluded',
          file: 'universe.csv',
          line: entry?.line,
          message: `${symbol} is in universe.csv (line ${entry?.line}) but no price file has it`,
        });
      }
    } else {
      if (universe && !entry) {
        issues.push({
          code: 'not-in-universe',
          severity: 'warning',
          file: read.file,
          message: `${read.file}: ${symbol} is not in universe.csv: listed with its symbol as name, in sector "Unknown"`,
        });
      }
      if (read.closesOnly)
        notes.push(
          'closes only (open = high = low = close, volume 0): volume-based features are unavailable',
        );
      const store = read.columns;
      const n = rowsUpTo(store, cutoff);
      report.bars = n;
      if (n === 0) {
        issues.push({
          code: 'after-as-of',
          severity: 'excluded',
          file: read.file,
          message: `${read.file}: ${symbol} has no bars on or before the as-of date ${isoDay(asOfDay)} (first bar ${isoDay(store.timestampAt(0))})`,
        });
      } else {
        bars.set(symbol, { store, end: n });
        const last = store.timestampAt(n - 1);
        report.firstDate = isoDay(store.timestampAt(0));
        report.lastDate = isoDay(last);
        issues.push(...lengthIssues(symbol, read.file, n));
        const behind = weekdaysAfter(last, asOfDay);
        if (behind > STALE_TRADING_DAYS) {
          issues.push({
            code: 'stale',
            severity: options.includeStale ? 'warning' : 'excluded',
            file: read.file,
            message: `${read.file}: ${symbol} ends on ${isoDay(last)}, ${behind} trading days before the as-of date ${isoDay(asOfDay)}${options.includeStale ? ' (kept: includeStale)' : ': not ranked (use includeStale, or an earlier asOf)'}`,
          });
        }
      }
    }
    if (notes.length > 0) report.notes = notes;
    symbols.push(report);
  }

  const fundamentals = new Map<string, Fundamentals[]>();
  if (tableFiles.includes('fundamentals.csv')) {
    const file = 'fundamentals.csv';
    const read = await readFundamentals(join(dir, file), file, settingsFor(config, file), hashed(file));
    files.push(read.report);
    const rows = new Map<string, FundamentalsRow[]>();
    const unknown = new Map<string, number[]>();
    for (const row of read.values) {
      if (!info.has(row.symbol)) {
        unknown.set(row.symbol, [...(unknown.get(row.symbol) ?? []), row.line]);
        continue;
      }
      if (row.date > cutoff) continue;
      const { row: converted, issue } = convertMoney(
        row,
        info.get(row.symbol)?.currency,
        config.fx ?? {},
        file,
      );
      if (issue) {
        read.report.issues.push(issue);
        issuesOf(row.symbol).push(issue);
      }
      rows.set(row.symbol, [...(rows.get(row.symbol) ?? []), converted]);
    }
    reportUnknown(read.report, unknown, 'fundamentals');
    for (const [symbol, list] of rows) {
      list.sort((a, b) => a.date - b.date);
      fundamentals.set(
        symbol,
        list.map((row) => ({
          ...fundamentalsOf(row, source),
          ...(row.currency ? { currency: row.currency } : {}),
        })),
      );
    }
    if (read.report.status !== 'excluded') {
      for (const report of symbols) {
        report.hasFundamentals = fundamentals.has(report.symbol);
        if (!report.hasFundamentals && bars.has(report.symbol)) {
          report.issues.push({
            code: 'missing-fundamentals',
            severity: 'warning',
            file,
            message: `${file}: no row for ${report.symbol} on or before ${isoDay(asOfDay)}: its fundamental factor is neutral`,
          });
        }
      }
    }
    settle(read.report);
    progress(file);
  }

  const news = new Map<string, NewsItem[]>();
  if (tableFiles.includes('news.csv')) {
    const file = 'news.csv';
    const read = await readNews(join(dir, file), file, settingsFor(config, file), source, hashed(file));
    files.push(read.report);
    const unknown = new Map<string, number[]>();
    for (const { item, line } of read.values) {
      if (!info.has(item.symbol)) {
        unknown.set(item.symbol, [...(unknown.get(item.symbol) ?? []), line]);
        continue;
      }
      if (item.publishedAt > cutoff) continue;
      news.set(item.symbol, [...(news.get(item.symbol) ?? []), item]);
    }
    reportUnknown(read.report, unknown, 'news');
    for (const list of news.values()) list.sort((a, b) => b.publishedAt - a.publishedAt);
    for (const report of symbols) report.newsCount = news.get(report.symbol)?.length ?? 0;
    settle(read.report);
    progress(file);
  }

  const excluded = new Map<string, string>();
  for (const report of symbols) {
    report.status = statusOf(report.issues);
    if (report.status === 'excluded') {
      const reason = report.issues.find((i) => i.severity === 'excluded');
      excluded.set(report.symbol, reason?.message ?? 'excluded');
    }
  }
  const listed = symbols
    .filter((s) => s.status !== 'excluded')
    .map((s) => info.get(s.symbol) as FolderSymbolInfo);

  if (options.includeStale) {
    const lasts = symbols
      .filter((s) => s.status !== 'excluded' && s.lastDate)
      .map((s) => Date.parse(`${s.lastDate}T00:00:00Z`));
    if (lasts.length > 1) {
      const [first, last] = [Math.min(...lasts), Math.max(...lasts)];
      if (last - first > 365 * DAY_MS) {
        folderIssues.push({
          code: 'stale',
          severity: 'warning',
          message: `the ranked series end years apart (${isoDay(first)} … ${isoDay(last)}): their returns cover different periods and are not comparable`,
        });
      }
    }
  }

  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const count = (status: DataStatus) => symbols.filter((s) => s.status === status).length;
  const report: DataReport = {
    dir,
    asOf: isoDay(asOfDay),
    fingerprint: await options.fingerprint(hashes),
    files,
    symbols,
    issues: folderIssues,
    summary: {
      files: files.length,
      symbols: symbols.length,
      ok: count('ok'),
      warning: count('warning'),
      excluded: count('excluded'),
      scorable: listed.length,
    },
  };
  return {
    report,
    asOf: asOfDay,
    listed,
    bars,
    info,
    excluded,
    fundamentals,
    news,
    hasFundamentalsFile: tableFiles.includes('fundamentals.csv'),
  };
}

function statusOf(issues: readonly DataIssue[]): DataStatus {
  if (issues.some((i) => i.severity === 'excluded')) return 'excluded';
  return issues.length > 0 ? 'warning' : 'ok';
}

function settle(report: FileReport): void {
  if (report.status !== 'excluded') report.status = report.issues.length > 0 ? 'warning' : 'ok';
}

function reportUnknown(report: FileReport, unknown: Map<string, number[]>, what: string): void {
  for (const [symbol, lines] of unknown) {
    report.issues.push({
      code: 'unknown-symbol',
      severity: 'warning',
      file: report.file,
      line: lines[0],
      column: 'symbol',
      message: `${report.file} line ${lines[0]}: ${symbol} has no prices; its ${lines.length} ${what} row(s) are not used`,
    });
  }
}

/** Issues for a series shorter than some factor inputs need (the minimums of the scoring engine). */
function lengthIssues(symbol: string, file: string, n: number): DataIssue[] {
  if (n < MIN_SCORABLE_BARS) {
    return [
      {
        code: 'too-short',
        severity: 'excluded',
        file,
        message: `${file}: ${symbol} has ${n} bars; at least ${MIN_SCORABLE_BARS} are needed for any return (1-month return: ${HORIZON_BARS['1m'] + 1} bars)`,
      },
    ];
  }
  if (n >= FULL_HISTORY_BARS) return [];
  const missing = [`12-month return (performance, ${FULL_HISTORY_BARS} bars)`];
  if (n < HORIZON_BARS['6m'] + 1)
    missing.push(`6-month return (performance and sector, ${HORIZON_BARS['6m'] + 1} bars)`);
  if (n < HORIZON_BARS['3m'] + 1) missing.push(`3-month return (${HORIZON_BARS['3m'] + 1} bars)`);
  if (n < MOMENTUM_PERIODS.smaLong)
    missing.push(`200-day average (momentum, ${MOMENTUM_PERIODS.smaLong} bars)`);
  return [
    {
      code: 'too-short',
      severity: 'warning',
      file,
      message: `${file}: ${symbol} has ${n} bars, too few for: ${missing.join('; ')}; those inputs count as neutral`,
    },
  ];
}

/** How many leading rows of an ascending series are at or before `time` (binary search). */
export function rowsUpTo(store: ColumnStore, time: number): number {
  return partition(store, (t) => t <= time);
}

/** How many leading rows of an ascending series are strictly before `time`. */
export function rowsBefore(store: ColumnStore, time: number): number {
  return partition(store, (t) => t < time);
}

/** The number of leading rows whose timestamp passes `test` (true for a prefix of the rows). */
function partition(store: ColumnStore, test: (time: number) => boolean): number {
  let low = 0;
  let high = store.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(store.timestampAt(middle))) low = middle + 1;
    else high = middle;
  }
  return low;
}

function otherFile(file: string, isDirectory: boolean): FileReport {
  const documentation = /\.(md|txt)$/i.test(file);
  return {
    file,
    kind: 'other',
    status: documentation ? 'ok' : 'excluded',
    rows: 0,
    symbols: [],
    issues: documentation
      ? []
      : [
          {
            code: 'not-read',
            severity: 'excluded',
            file,
            message: `${file}: ${isDirectory ? 'a folder' : 'a file'} that is not part of the data format (universe.csv, prices/, prices.csv, fundamentals.csv, news.csv, da-ki.json): not read`,
          },
        ],
    ...(documentation ? { notes: ['documentation, not read'] } : {}),
  };
}

async function readConfig(
  dir: string,
  listing: { file: string }[],
  files: FileReport[],
  folderIssues: DataIssue[],
): Promise<FolderConfig> {
  const file = 'da-ki.json';
  if (!listing.some((f) => f.file === file)) return {};
  const report: FileReport = { file, kind: 'config', status: 'ok', rows: 0, symbols: [], issues: [] };
  files.push(report);
  const fail = (message: string): FolderConfig => {
    const issue: DataIssue = {
      code: 'config',
      severity: 'excluded',
      file,
      message: `${file}: ${message}; the folder is read with the default settings`,
    };
    report.issues.push(issue);
    report.status = 'excluded';
    folderIssues.push(issue);
    return {};
  };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, file), 'utf8'));
  } catch (error) {
    return fail(`is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = folderConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || '(top level)';
    return fail(`key ${key}: ${issue?.message}`);
  }
  return parsed.data;
}
