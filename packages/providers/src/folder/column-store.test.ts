import { BAR_FIELDS, validateBars } from '@da-ki/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { ColumnStore, DecodeScratch, type StoredColumns } from './column-store.js';
import { FolderProvider } from './index.js';
import { removeFolders, writeFolder } from './testing.js';

const DAY = 86_400_000;

afterAll(removeFolders);

/** Rows as plain arrays, pushed into a store and finished. */
function storeOf(rows: number[][], trim = true): ColumnStore {
  const store = new ColumnStore();
  for (const [t, o, h, l, c, v, line] of rows) store.push(t!, o!, h!, l!, c!, v!, line!);
  store.finish(trim);
  return store;
}

/** `n` daily rows from 2020-01-01 with 4-decimal prices and whole volumes (all 32-bit exact). */
function dailyRows(n: number, lineStep = 1): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const close = Math.round((100 + Math.sin(i) * 10) * 10_000) / 10_000;
    return [Date.UTC(2020, 0, 1) + i * DAY, close, close + 1, close - 1, close, 1_000 + i, 2 + i * lineStep];
  });
}

function columnsOf(rows: number[][]): StoredColumns {
  const column = (k: number) => Float64Array.from(rows, (row) => row[k] as number);
  return {
    timestamps: column(0),
    open: column(1),
    high: column(2),
    low: column(3),
    close: column(4),
    volume: column(5),
    lines: Uint32Array.from(rows, (row) => row[6] as number),
  };
}

/** Every value decodes to exactly the number pushed (Object.is: same bits, not merely close). */
function expectSameRows(store: ColumnStore, rows: number[][]): void {
  expect(store.length).toBe(rows.length);
  const decoded = store.decodeAll(new DecodeScratch());
  const expected = columnsOf(rows);
  for (const field of [...BAR_FIELDS, 'lines'] as const) {
    expect(Array.from(decoded[field]), field).toEqual(Array.from(expected[field]));
  }
  for (let i = 0; i < rows.length; i += 97) expect(store.timestampAt(i)).toBe(rows[i]?.[0]);
}

describe('ColumnStore', () => {
  it('gives back exactly the numbers pushed, across chunks, trimmed or not', () => {
    for (const n of [1, 255, 256, 257, 700]) {
      expectSameRows(storeOf(dailyRows(n)), dailyRows(n));
      expectSameRows(storeOf(dailyRows(n), false), dailyRows(n));
    }
  });

  it('keeps values without an exact 32-bit form as Float64, in any row of a chunk', () => {
    const rows = dailyRows(600, 70_000); // lines more than 65 535 apart
    rows[3]![0] = Date.UTC(2020, 0, 4, 15, 30); // an intraday time
    rows[300]![1] = 123.456_789; // five decimals
    rows[301]![2] = 1_000_000.5; // above 429 496.7295
    rows[302]![5] = 5e9; // a volume above 2^32 - 1
    rows[303]![5] = 12.5; // a fractional volume
    rows[100]![5] = -0; // "-0" in a file (a chunk whose volumes are whole): no integer slot keeps its sign
    rows[599]![0] = Date.UTC(1960, 0, 1); // before 1970: negative days, still whole days
    rows[10]![4] = 0.1 + 0.2; // 0.30000000000000004 is not 3000 / 10 000
    expectSameRows(storeOf(rows), rows);
    expectSameRows(storeOf(rows, false), rows);
    expectSameRows(ColumnStore.of(columnsOf(rows)), rows);
    // toEqual takes -0 for 0: the sign is checked on its own.
    expect(Object.is(storeOf(rows).decode('volume', 100, 101)[0], -0)).toBe(true);
  });

  it('keeps timestamps as day steps both ways, and as Float64 where steps do not fit a byte', () => {
    const descending = dailyRows(600).reverse(); // steps of -1 day
    expectSameRows(storeOf(descending), descending);
    const weekly = dailyRows(300).map((row, i) => [Date.UTC(2000, 0, 3) + i * 7 * DAY, ...row.slice(1)]);
    expectSameRows(storeOf(weekly), weekly);
    const jumps = dailyRows(600);
    jumps[260]![0] = jumps[259]![0]! + 127 * DAY; // the largest step that fits
    for (let i = 261; i < 600; i++) jumps[i]![0] = jumps[i - 1]![0]! + DAY;
    jumps[400]![0] = jumps[399]![0]! + 128 * DAY; // one that does not
    for (let i = 401; i < 600; i++) jumps[i]![0] = jumps[i - 1]![0]! + DAY;
    jumps[512]![0] = Date.UTC(2030, 0, 1, 9); // intraday as a chunk's first row
    expectSameRows(storeOf(jumps), jumps);
    const store = storeOf(jumps, false);
    expect(Array.from(store.decode('timestamps', 300, 530))).toEqual(jumps.slice(300, 530).map((r) => r[0]));
  });

  it('decodes any range of one field into a new array or the one given', () => {
    const rows = dailyRows(600);
    const store = storeOf(rows, false);
    const close = (from: number, to: number) => rows.slice(from, to).map((row) => row[4]);
    expect(Array.from(store.decode('close', 250, 520))).toEqual(close(250, 520));
    expect(Array.from(store.decode('close', 599, 600))).toEqual(close(599, 600));
    expect(store.decode('volume', 10, 10).length).toBe(0);
    const out = new Float64Array(5);
    expect(store.decode('timestamps', 254, 259, out)).toBe(out);
    expect(Array.from(out)).toEqual(rows.slice(254, 259).map((row) => row[0]));
  });

  it('refuses rows after the series ended', () => {
    const store = storeOf(dailyRows(256));
    expect(() => store.push(0, 1, 1, 1, 1, 0, 1)).toThrow(/after finish/);
  });
});

describe('FolderProvider on a long prices.csv', () => {
  const header = 'symbol,date,open,high,low,close,volume';
  // Rows interleaved by date, as vendors write them; BBB has prices the 32-bit form cannot hold.
  const lines = [header];
  for (let i = 0; i < 300; i++) {
    const date = new Date(Date.UTC(2019, 0, 1) + i * DAY).toISOString().slice(0, 10);
    const a = (50 + i / 100).toFixed(2);
    lines.push(`AAA,${date},${a},${a},${a},${a},${1000 + i}`);
    const b = (1e6 + i + 0.123_456).toFixed(6);
    lines.push(`bbb,${date},${b},${b},${b},${b},${(5e9 + i).toFixed(0)}`);
  }
  const dir = writeFolder({ 'prices.csv': `${lines.join('\n')}\n` });

  it('serves every bar as written, and new arrays on every call', async () => {
    const provider = new FolderProvider({ dir, includeStale: true });
    const aaa = await provider.getBars('AAA');
    expect(aaa.timestamps.length).toBe(300);
    expect(aaa.close[299]).toBe(52.99);
    expect(aaa.volume[299]).toBe(1299);
    const bbb = await provider.getBars('BBB');
    expect(bbb.close[7]).toBe(1_000_007.123_456);
    expect(bbb.volume[7]).toBe(5_000_000_007);
    expect(bbb.timestamps[7]).toBe(Date.UTC(2019, 0, 8));
    aaa.close[0] = -1;
    expect((await provider.getBars('AAA')).close[0]).toBe(50);
  });

  it('hands the analyzer its bars without a second copy (validateBars keeps ordered Float64 input)', async () => {
    const bars = await new FolderProvider({ dir, includeStale: true }).getBars('AAA');
    const { series } = validateBars(bars);
    for (const field of BAR_FIELDS) expect(series[field]).toBe(bars[field]);
  });

  it('cuts by from/to (inclusive) and at the as-of date', async () => {
    const provider = new FolderProvider({ dir, asOf: '2019-06-30' });
    const all = await provider.getBars('AAA');
    expect(all.timestamps.length).toBe(181);
    expect(all.timestamps.at(-1)).toBe(Date.UTC(2019, 5, 30));
    const window = await provider.getBars('AAA', {
      from: Date.UTC(2019, 1, 1) - 0.5,
      to: Date.UTC(2019, 1, 10),
    });
    expect(Array.from(window.timestamps)).toEqual(
      Array.from({ length: 10 }, (_, i) => Date.UTC(2019, 1, 1) + i * DAY),
    );
    expect(Array.from(window.close)).toEqual(Array.from(all.close.subarray(31, 41)));
    const after = await provider.getBars('AAA', { from: Date.UTC(2020, 0, 1) });
    expect(after.timestamps.length).toBe(0);
    const empty = await provider.getBars('AAA', { from: Date.UTC(2019, 2, 1), to: Date.UTC(2019, 1, 1) });
    expect(empty.close.length).toBe(0);
  });
});
