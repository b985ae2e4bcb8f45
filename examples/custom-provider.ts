// A data provider in a few lines: any object with `name`, `listSymbols` and `getBars` is a
// MarketDataProvider. Run: npx tsx examples/custom-provider.ts
import {
  type Bar,
  type BarRequest,
  type BarSeries,
  barsToSeries,
  DaKiError,
  type MarketDataProvider,
  type SymbolInfo,
  sliceBarsByTime,
  validateBars,
} from '@da-ki/sdk';

/** Serves bars held in memory, e.g. rows loaded from your own database. */
class InMemoryProvider implements MarketDataProvider {
  readonly name = 'in-memory';

  constructor(
    private readonly symbols: SymbolInfo[],
    private readonly rows: Record<string, Bar[]>,
  ) {}

  async listSymbols(): Promise<SymbolInfo[]> {
    return this.symbols;
  }

  async getBars(symbol: string, { from, to }: BarRequest = {}): Promise<BarSeries> {
    const rows = this.rows[symbol];
    // Real providers throw NotFoundError from @da-ki/providers; any DaKiError is caught the same way.
    if (!rows) throw new DaKiError(`${this.name}: unknown symbol ${symbol}`);
    // validateBars sorts, drops exact duplicates and rejects impossible bars: never return raw rows.
    const { series } = validateBars(barsToSeries(symbol, this.name, rows));
    return sliceBarsByTime(series, from, to);
  }
}

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
const provider = new InMemoryProvider([{ symbol: 'ACME', name: 'Acme Corp.', sector: 'Industrials' }], {
  ACME: [
    { timestamp: day('2024-01-03'), open: 101, high: 103, low: 100, close: 102.5, volume: 9_000 },
    { timestamp: day('2024-01-02'), open: 100, high: 102, low: 99, close: 101, volume: 12_000 },
    { timestamp: day('2024-01-04'), open: 102.5, high: 104, low: 101.5, close: 103.8, volume: 11_000 },
  ],
});

console.log(await provider.listSymbols());
const bars = await provider.getBars('ACME', { from: day('2024-01-02'), to: day('2024-01-03') });
for (let i = 0; i < bars.timestamps.length; i++) {
  const date = new Date(bars.timestamps[i] as number).toISOString().slice(0, 10);
  console.log(date, 'close', bars.close[i], 'volume', bars.volume[i]);
}
await provider.getBars('NOPE').catch((error: DaKiError) => console.log('caught:', error.message));
