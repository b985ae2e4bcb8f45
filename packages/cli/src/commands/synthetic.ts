import { resolve } from 'node:path';
import { SYNTHETIC_DEFAULTS, SyntheticMarketProvider, writeDataFolder } from '@da-ki/providers';
import type { BarSeries, Fundamentals, NewsItem } from '@da-ki/sdk';
import type { CommandSpec, ParsedArgs } from '../args.js';
import { EXIT_CODES } from '../errors.js';
import type { CliIo } from '../io.js';
import { createProgress, duration } from '../progress.js';
import { integerFlag, numberFlag } from '../values.js';

/** Trading days in a year, as the synthetic calendar counts them (504 = two years). */
const TRADING_DAYS_PER_YEAR = 252;

export const syntheticSpec: CommandSpec = {
  name: 'synthetic',
  brief: 'Write the synthetic universe as a data folder.',
  summary:
    'Writes the synthetic universe of SyntheticMarketProvider (prices, universe, fundamentals, news)\n' +
    'as a data folder: a ready example for the other commands, and a benchmark input.',
  positionals: [
    { name: 'dir', description: 'Folder to write (created if missing; files in it are replaced).' },
  ],
  flags: {
    symbols: {
      type: 'string',
      value: 'N',
      description: 'Number of symbols.',
      defaultText: String(SYNTHETIC_DEFAULTS.symbols),
    },
    seed: {
      type: 'string',
      value: 'N',
      description: 'Seed; the same seed writes the same files.',
      defaultText: String(SYNTHETIC_DEFAULTS.seed),
    },
    years: {
      type: 'string',
      value: 'Y',
      description: 'Years of daily bars (252 trading days each).',
      defaultText: '2',
    },
  },
  examples: [
    'da-ki synthetic /tmp/universe && da-ki rank /tmp/universe',
    'da-ki synthetic /tmp/big --symbols 10000 --years 1',
  ],
};

/** `da-ki synthetic <dir>`: writes a synthetic data folder. */
export async function runSynthetic(io: CliIo, args: ParsedArgs): Promise<number> {
  const dir = args.positionals[0] as string;
  const symbols =
    integerFlag('symbols', args.values.symbols, { min: 1, max: 20_000 }) ?? SYNTHETIC_DEFAULTS.symbols;
  const seed = integerFlag('seed', args.values.seed, { min: 0 }) ?? SYNTHETIC_DEFAULTS.seed;
  const years = numberFlag('years', args.values.years, { min: 0.2, max: 40 }) ?? 2;
  const started = performance.now();
  const provider = new SyntheticMarketProvider({
    seed,
    symbols,
    days: Math.round(years * TRADING_DAYS_PER_YEAR),
  });
  const universe = await provider.listSymbols();
  const fundamentals: (Fundamentals & { date: number })[] = [];
  const news: NewsItem[] = [];
  const progress = createProgress(io, `writing ${dir}`);
  let barsPerSymbol = 0;
  // One symbol at a time: its bars are written and dropped, so 10 000 symbols fit in memory.
  async function* generate(): AsyncGenerator<BarSeries> {
    for (const [k, info] of universe.entries()) {
      const bars = await provider.getBars(info.symbol);
      const last = bars.timestamps[bars.timestamps.length - 1] as number;
      // The synthetic fundamentals are one snapshot at the end of the history: dated there.
      fundamentals.push({ ...(await provider.getFundamentals(info.symbol)), date: last });
      news.push(...(await provider.getNews(info.symbol)));
      barsPerSymbol = Math.max(barsPerSymbol, bars.close.length);
      yield bars;
      progress.update(k + 1, universe.length, info.symbol);
    }
  }
  const written = await writeDataFolder(resolve(io.cwd ?? process.cwd(), dir), {
    universe,
    bars: generate(),
    fundamentals,
    news,
  });
  progress.done(`${universe.length} symbols`);
  io.stdout.write(
    `wrote ${dir}: ${universe.length} symbols, ${written.files} files, ${written.rows} rows ` +
      `(seed ${seed}, up to ${barsPerSymbol} bars per symbol) in ${duration(performance.now() - started)}\n`,
  );
  return EXIT_CODES.ok;
}
