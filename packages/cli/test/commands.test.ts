import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankDocument } from '../src/index.js';
import { TEST_SYMBOLS, writeTestFolder } from './data-folder.js';
import { runDaKi } from './run-in-process.js';

// One folder for most tests: eight good symbols, one stale series, a file with a bad row,
// a header-only file and a file whose name is not a symbol.
let dir: string;
let remove: () => void;
beforeAll(() => {
  ({ dir, remove } = writeTestFolder({
    symbols: [
      ...TEST_SYMBOLS,
      { symbol: 'OLDS', name: 'Old Series', sector: 'Financials', drift: 0.003, endEarly: 20 },
    ],
    extra: {
      'prices/BADR.csv': 'date,close\n2024-06-26,10\n2024-06-27,abc\n2024-06-28,11\n',
      'prices/EMPTY.csv': 'date,close\n',
      'prices/my prices.csv': 'date,close\n2024-06-28,1\n',
    },
  }));
});
afterAll(() => remove());

const json = <T>(text: string): T => JSON.parse(text) as T;

describe('da-ki check', () => {
  it('prints the report as a table: files and symbols with status and file:line:column reasons', async () => {
    const run = await runDaKi(['check', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Data report of .* as of 2024-06-28: \d+ files, \d+ symbols/);
    expect(run.stdout).toMatch(/prices\/BADR\.csv\s+prices\s+excluded/);
    expect(run.stdout).toMatch(/excluded: .*prices\/BADR\.csv.*line 3.*close.*"abc"/);
    expect(run.stdout).toMatch(/prices\/EMPTY\.csv\s+\S+\s+excluded/);
    expect(run.stdout).toMatch(/prices\/my prices\.csv.*excluded/);
    expect(run.stdout).toMatch(/OLDS\s+Old Series\s+Financials\s+excluded/);
    expect(run.stdout).toMatch(/ALFA\s+Alfa, Inc\.\s+Technology\s+ok\s+320/);
    // progress on stderr, never on stdout
    expect(run.stderr).toMatch(/^reading .*: 1\/\d+/m);
    expect(run.stdout).not.toMatch(/^reading /m);
  });

  it('--format json is the data report, one document', async () => {
    const run = await runDaKi(['check', dir, '--format', 'json']);
    expect(run.code).toBe(0);
    const report = json<{
      asOf: string;
      summary: { scorable: number };
      files: { file: string; status: string }[];
    }>(run.stdout);
    expect(report.asOf).toBe('2024-06-28');
    expect(report.summary.scorable).toBe(8);
    expect(report.files.find((f) => f.file === 'prices/BADR.csv')?.status).toBe('excluded');
  });

  it('exits 1 when nothing can be scored, after printing the report', async () => {
    const empty = writeTestFolder({ symbols: [], extra: { 'prices/ONLY.csv': 'date,close\n' } });
    try {
      const run = await runDaKi(['check', empty.dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/0 can be scored/);
      expect(run.stderr).toMatch(/nothing in .* can be scored/);
    } finally {
      empty.remove();
    }
  });

  it('exits 2 when the folder cannot be read, with nothing on stdout', async () => {
    const missing = join(tmpdir(), 'da-ki-no-such-folder', 'data');
    for (const command of ['check', 'rank', 'forecast']) {
      const run = await runDaKi([command, missing]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/cannot read the folder .*da-ki-no-such-folder/);
    }
  });
});

describe('da-ki rank', () => {
  it('--format json prints exactly one document with exactly the documented keys', async () => {
    const run = await runDaKi(['rank', dir, '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = json<RankDocument>(run.stdout);
    expect(Object.keys(doc)).toEqual(['asOf', 'universe', 'ranked', 'excluded', 'warnings']);
    expect(doc.asOf).toBe('2024-06-28');
    expect(doc.universe).toMatchObject({ dir, ranked: 8, scorable: 8 });
    expect(doc.ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const entry of doc.ranked) {
      expect(Object.keys(entry)).toEqual([
        'rank',
        'symbol',
        'name',
        'sector',
        'score',
        'grade',
        'factors',
        'riskLevel',
        'confidenceLevel',
        'explanations',
      ]);
      expect(Object.keys(entry.factors)).toEqual([
        'performance',
        'fundamental',
        'sentiment',
        'sector',
        'momentum',
      ]);
      expect(entry.score).toBeGreaterThanOrEqual(0);
      expect(entry.score).toBeLessThanOrEqual(100);
    }
    expect(doc.ranked.find((r) => r.symbol === 'ALFA')).toMatchObject({
      name: 'Alfa, Inc.',
      sector: 'Technology',
    });
    // the strongest drift leads, the weakest trails
    expect(doc.ranked[0]?.symbol).toBe('ALFA');
    expect(doc.ranked.at(-1)?.symbol).toBe('DELT');
    // excluded: the stale symbol, the file with a bad row, the header-only file, the bad file name
    for (const e of doc.excluded) expect(Object.keys(e)).toEqual(['symbol', 'file', 'reason']);
    const excluded = (name: string) => doc.excluded.find((e) => e.symbol === name || e.file === name);
    expect(excluded('OLDS')?.reason).toMatch(/stale|trading days/i);
    expect(excluded('prices/BADR.csv')?.reason).toMatch(/line 3.*close.*"abc"/);
    expect(excluded('prices/EMPTY.csv')?.reason).toMatch(/header/i);
    expect(excluded('prices/my prices.csv')?.reason).toMatch(/not a symbol/);
    expect(doc.warnings.every((w) => typeof w === 'string')).toBe(true);
    // stdout has the document only; progress went to stderr
    expect(run.stderr).toMatch(/^scoring: 8 scored/m);
  });

  it('prints a table by default: the best 20 (here all 8), the excluded, a pointer to the warnings', async () => {
    const run = await runDaKi(['rank', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^DA-KI growth ranking of .* as of 2024-06-28: 8 ranked of \d+ symbols\n/);
    expect(run.stdout).toMatch(/\n {3}1 {2}ALFA {4}Alfa, Inc\. /);
    expect(run.stdout).toMatch(
      /Excluded \(\d+\):\n(.*\n)* {2}OLDS: prices\/OLDS\.csv: OLDS ends on 2024-05-31/,
    );
    expect(run.stdout).not.toMatch(/reading|scoring:/);
  });

  it('--format csv parses back to one row per ranked stock, fields with commas quoted', async () => {
    const run = await runDaKi(['rank', dir, '--format', 'csv', '--top', '3']);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0] as object)).toEqual([
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
    ]);
    expect(rows[0]).toMatchObject({ rank: '1', symbol: 'ALFA', name: 'Alfa, Inc.' });
    expect(Number(rows[0]?.score)).toBeGreaterThan(Number(rows[2]?.score));
  });

  it('--top limits the ranked list, not the ranks', async () => {
    const doc = json<RankDocument>((await runDaKi(['rank', dir, '--format', 'json', '--top', '2'])).stdout);
    expect(doc.ranked.map((r) => r.rank)).toEqual([1, 2]);
    expect(doc.universe.ranked).toBe(8);
  });

  it('--weights changes the scores: all weight on performance makes the score the performance factor', async () => {
    const base = json<RankDocument>((await runDaKi(['rank', dir, '--format', 'json'])).stdout);
    const weighted = json<RankDocument>(
      (
        await runDaKi([
          'rank',
          dir,
          '--format',
          'json',
          '--weights',
          'performance=1,fundamental=0,sentiment=0,sector=0,momentum=0',
        ])
      ).stdout,
    );
    for (const r of weighted.ranked) expect(r.score).toBeCloseTo(r.factors.performance, 1);
    const scoreOf = (doc: RankDocument, symbol: string) => doc.ranked.find((r) => r.symbol === symbol)?.score;
    expect(TEST_SYMBOLS.some((s) => scoreOf(base, s.symbol) !== scoreOf(weighted, s.symbol))).toBe(true);
  });

  it('--as-of scores with what was known then: another date, other prices, other ranking', async () => {
    const latest = json<RankDocument>((await runDaKi(['rank', dir, '--format', 'json'])).stdout);
    const earlier = json<RankDocument>(
      (await runDaKi(['rank', dir, '--format', 'json', '--as-of', '2024-03-28'])).stdout,
    );
    expect(earlier.asOf).toBe('2024-03-28');
    expect(earlier.ranked.map((r) => [r.symbol, r.score])).not.toEqual(
      latest.ranked.map((r) => [r.symbol, r.score]),
    );
    // on 2024-03-28 the series that stopped early was not stale yet: it is ranked
    expect(earlier.ranked.some((r) => r.symbol === 'OLDS')).toBe(true);
    // the news (two days before the end) did not exist yet
    const alfa = earlier.ranked.find((r) => r.symbol === 'ALFA');
    expect(alfa?.explanations.join(' ')).not.toMatch(/from 1 headline/);
  });

  it('--include-stale ranks the stale series too', async () => {
    const doc = json<RankDocument>(
      (await runDaKi(['rank', dir, '--format', 'json', '--include-stale'])).stdout,
    );
    const olds = doc.ranked.find((r) => r.symbol === 'OLDS');
    expect(olds).toBeDefined();
    expect(doc.excluded.some((e) => e.symbol === 'OLDS')).toBe(false);
    // OLDS has no fundamentals row: ranked all the same, its fundamental factor neutral
    expect(olds?.factors.fundamental).toBe(50);
  });

  it('--out writes the result to a file; stdout stays empty', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'da-ki-out-'));
    try {
      const run = await runDaKi(['rank', dir, '--format', 'json', '--out', 'nested/rank.json'], {
        cwd: outDir,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/wrote nested\/rank\.json/);
      expect(json<RankDocument>(readFileSync(join(outDir, 'nested/rank.json'), 'utf8')).ranked).toHaveLength(
        8,
      );
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('exits 1 when nothing can be scored; the document says why', async () => {
    const empty = writeTestFolder({ symbols: [], extra: { 'prices/ONLY.csv': 'date,close\n' } });
    try {
      const run = await runDaKi(['rank', empty.dir, '--format', 'json']);
      expect(run.code).toBe(1);
      const doc = json<RankDocument>(run.stdout);
      expect(doc.ranked).toEqual([]);
      expect(doc.excluded.map((e) => e.file)).toContain('prices/ONLY.csv');
      expect(run.stderr).toMatch(/nothing in .* can be scored: run "da-ki check/);
    } finally {
      empty.remove();
    }
  });

  it('a folder of prices only ranks with sector "Unknown" and says the universe is missing', async () => {
    const bare = writeTestFolder({ symbols: TEST_SYMBOLS.slice(0, 4), pricesOnly: true });
    try {
      const doc = json<RankDocument>((await runDaKi(['rank', bare.dir, '--format', 'json'])).stdout);
      expect(doc.ranked).toHaveLength(4);
      expect(new Set(doc.ranked.map((r) => r.sector))).toEqual(new Set(['Unknown']));
      expect(doc.warnings.join('\n')).toMatch(/universe/i);
      expect(doc.warnings[0]).toMatch(/^only 4 symbols ranked: scores are percentiles/);
    } finally {
      bare.remove();
    }
  });

  it('warns that a universe of one symbol cannot be ranked meaningfully, in the table and in json', async () => {
    const lone = writeTestFolder({ symbols: TEST_SYMBOLS.slice(0, 1) });
    try {
      const table = await runDaKi(['rank', lone.dir]);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/\nWarning: only 1 symbol ranked: .*lone symbol scores about 50/);
      const doc = json<RankDocument>((await runDaKi(['rank', lone.dir, '--format', 'json'])).stdout);
      expect(doc.ranked.map((r) => r.symbol)).toEqual(['ALFA']);
      expect(doc.warnings.filter((w) => w.startsWith('only 1 symbol ranked'))).toHaveLength(1);
    } finally {
      lone.remove();
    }
  });
});

describe('da-ki explain', () => {
  it('shows every factor with its weight, inputs, sector medians and percentiles', async () => {
    const run = await runDaKi(['explain', dir, 'ALFA']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ALFA — Alfa, Inc\. \(Technology\), as of 2024-06-28\n/);
    expect(run.stdout).toMatch(/rank 1 of 8/);
    for (const factor of ['performance', 'fundamental', 'sentiment', 'sector', 'momentum']) {
      expect(run.stdout).toMatch(new RegExp(`\\n${factor}: [\\d.]+ \\([A-F][+-]?\\), weight \\d+ %`));
    }
    expect(run.stdout).toMatch(/P\/E\s+14\.00\s+26\.00/);
  });

  it('--format json: the drill-down with weights, metrics and data issues; symbols match case-insensitively', async () => {
    const run = await runDaKi(['explain', dir, 'alfa', '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = json<{
      symbol: string;
      rank: number;
      factors: Record<string, { weight: number; metrics: { id: string; value: number | null }[] }>;
    }>(run.stdout);
    expect(doc.symbol).toBe('ALFA');
    expect(doc.rank).toBe(1);
    expect(doc.factors.performance?.weight).toBe(0.3);
    expect(doc.factors.fundamental?.metrics.find((m) => m.id === 'peRatio')?.value).toBe(14);
  });

  it('an unknown symbol or an excluded one exits 1 with the reason', async () => {
    const unknown = await runDaKi(['explain', dir, 'NOPE']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/NOPE is not in .*; it has \d+ symbols: /);
    const excluded = await runDaKi(['explain', dir, 'OLDS']);
    expect(excluded.code).toBe(1);
    expect(excluded.stderr).toMatch(
      /OLDS is excluded from scoring: .*stale|OLDS is excluded from scoring: .*trading days/i,
    );
  });
});

describe('da-ki synthetic', () => {
  it('writes a folder the other commands read, the same files for the same seed', async () => {
    const a = mkdtempSync(join(tmpdir(), 'da-ki-syn-'));
    const b = mkdtempSync(join(tmpdir(), 'da-ki-syn-'));
    try {
      const run = await runDaKi(['synthetic', a, '--symbols', '12', '--seed', '7', '--years', '1']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /^wrote .*: 12 symbols, 15 files, \d+ rows \(seed 7, up to 252 bars per symbol\)/,
      );
      await runDaKi(['synthetic', b, '--symbols', '12', '--seed', '7', '--years', '1']);
      for (const file of ['universe.csv', 'fundamentals.csv', 'news.csv']) {
        expect(readFileSync(join(a, file), 'utf8')).toBe(readFileSync(join(b, file), 'utf8'));
      }
      const rank = await runDaKi(['rank', a, '--format', 'json']);
      expect(rank.code).toBe(0);
      const doc = json<RankDocument>(rank.stdout);
      expect(doc.ranked).toHaveLength(12);
      expect(doc.excluded).toEqual([]);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  it('replaces the files of an earlier run in the same folder', async () => {
    const target = mkdtempSync(join(tmpdir(), 'da-ki-syn-'));
    try {
      writeFileSync(join(target, 'universe.csv'), 'symbol,name,sector\nOLD,Old,Unknown\n');
      await runDaKi(['synthetic', target, '--symbols', '5', '--years', '1']);
      expect(readFileSync(join(target, 'universe.csv'), 'utf8')).not.toMatch(/^OLD,/m);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});
