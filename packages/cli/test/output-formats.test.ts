import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/format/csv.js';
import { renderTable } from '../src/format/table.js';
import { createProgress, duration } from '../src/progress.js';

describe('CSV and tables', () => {
  it('quotes CSV fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', 3],
          [null, undefined],
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi"""\n"line\nbreak",3\n,\n');
  });

  it('pads table columns to the widest cell, numbers right-aligned', () => {
    expect(
      renderTable(
        ['sym', 'n'],
        [
          ['A', 1],
          ['LONG', 100],
        ],
      ),
    ).toBe('sym     n\n----  ---\nA       1\nLONG  100\n');
  });
});

describe('progress on stderr', () => {
  const capture = (isTTY: boolean) => {
    let text = '';
    return {
      io: {
        stdout: { write: () => undefined },
        stderr: { write: (t: string) => (text += t) },
        isTTY,
        env: {},
      },
      text: () => text,
    };
  };

  it('without a terminal: plain lines, throttled, the first and the last always shown', () => {
    let clock = 0;
    const out = capture(false);
    const progress = createProgress(out.io, 'reading', { now: () => clock, lineIntervalMs: 1000 });
    for (let k = 1; k <= 100; k++) {
      clock += 50; // 100 updates over 5 s: a line every second at most
      progress.update(k, 100, `F${k}.csv`);
    }
    progress.done('100 files');
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe('reading: 1/100 (1%) ETA 5.0 s F1.csv');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(lines.at(-2)).toBe('reading: 100/100 (100%) F100.csv');
    expect(lines.at(-1)).toBe('reading: 100 files in 5.0 s');
    expect(out.text().includes('\r') || out.text().includes('\u001b')).toBe(false);
  });

  it('on a terminal: one bar redrawn in place with percentage and ETA', () => {
    let clock = 0;
    const out = capture(true);
    const progress = createProgress(out.io, 'scoring', { now: () => clock, barWidth: 10 });
    clock = 1000;
    progress.update(1, 4);
    clock = 2000;
    progress.update(2, 4);
    progress.done('4 scored');
    expect(out.text()).toBe(
      '\rscoring [###.......]  25% 1/4 ETA 3.0 s\x1b[K' +
        '\rscoring [#####.....]  50% 2/4 ETA 2.0 s\x1b[K' +
        '\rscoring: 4 scored in 2.0 s\x1b[K\n',
    );
  });

  it('formats durations for people', () => {
    expect([duration(850), duration(12_340), duration(125_000)]).toEqual(['850 ms', '12.3 s', '2 min 5 s']);
  });
});
