import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BarSeries, Fundamentals, NewsItem } from '@da-ki/sdk';
import { isoDay } from './calendar.js';
import type { FolderSymbolInfo } from './load-folder.js';

const DAY_MS = 86_400_000;

/** What {@link writeDataFolder} writes. */
export interface DataFolderContent {
  universe: FolderSymbolInfo[];
  /** Written to prices/<SYMBOL>.csv. */
  bars: AsyncIterable<BarSeries> | Iterable<BarSeries>;
  /** One row each in fundamentals.csv (`date`: the day the numbers were known, epoch ms). */
  fundamentals?: Iterable<Fundamentals & { date: number }>;
  news?: Iterable<NewsItem>;
}

/** fundamentals.csv columns, as the loader reads them. */
const FUNDAMENTAL_COLUMNS: [string, keyof Fundamentals][] = [
  ['pe', 'peRatio'],
  ['pb', 'pbRatio'],
  ['debt_to_equity', 'debtToEquity'],
  ['roe', 'returnOnEquity'],
  ['revenue_growth', 'revenueGrowth'],
  ['eps_growth', 'earningsGrowth'],
  ['market_cap', 'marketCap'],
  ['earnings', 'earnings'],
  ['book_value', 'bookValue'],
  ['revenue', 'revenue'],
  ['profit_margin', 'profitMargin'],
  ['dividend_yield', 'dividendYield'],
  ['beta', 'beta'],
];

/**
 * Writes a data folder in the format {@link FolderProvider} reads (the inverse of the loader):
 * universe.csv, prices/<SYMBOL>.csv (date,open,high,low,close,volume), and fundamentals.csv and
 * news.csv when given. Bars are streamed one series at a time. Returns the files and data rows written.
 */
export async function writeDataFolder(
  dir: string,
  data: DataFolderContent,
): Promise<{ files: number; rows: number }> {
  await mkdir(join(dir, 'prices'), { recursive: true });
  let files = 0;
  let rows = 0;
  const universeLines = ['symbol,name,sector,industry,currency,exchange'];
  for (const info of data.universe) {
    universeLines.push(
      [info.symbol, info.name, info.sector, info.industry ?? '', info.currency ?? '', info.exchange ?? '']
        .map(csvField)
        .join(','),
    );
  }
  await writeLines(join(dir, 'universe.csv'), universeLines);
  files++;
  rows += data.universe.length;

  for await (const series of data.bars) {
    const lines = ['date,open,high,low,close,volume'];
    for (let i = 0; i < series.timestamps.length; i++) {
      lines.push(
        `${dateText(series.timestamps[i] as number)},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},${series.volume[i]}`,
      );
    }
    await writeLines(join(dir, 'prices', `${series.symbol}.csv`), lines);
    files++;
    rows += series.timestamps.length;
  }

  if (data.fundamentals) {
    const lines = [
      ['symbol', 'date', ...FUNDAMENTAL_COLUMNS.map(([column]) => column), 'currency'].join(','),
    ];
    for (const f of data.fundamentals) {
      const values = FUNDAMENTAL_COLUMNS.map(([, field]) => {
        const value = f[field];
        return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
      });
      lines.push([f.symbol, dateText(f.date), ...values, f.currency ?? ''].join(','));
    }
    await writeLines(join(dir, 'fundamentals.csv'), lines);
    files++;
    rows += lines.length - 1;
  }
  if (data.news) {
    const lines = ['symbol,published_at,headline,source,url'];
    for (const item of data.news) {
      lines.push(
        [item.symbol, new Date(item.publishedAt).toISOString(), item.title, item.source, item.url ?? '']
          .map(csvField)
          .join(','),
      );
    }
    await writeLines(join(dir, 'news.csv'), lines);
    files++;
    rows += lines.length - 1;
  }
  return { files, rows };
}

/** A daily stamp (00:00 UTC) as YYYY-MM-DD, anything else as an ISO date-time. */
function dateText(time: number): string {
  return time % DAY_MS === 0 ? isoDay(time) : new Date(time).toISOString();
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeLines(path: string, lines: string[]): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
