// Writes synthetic-candles.csv: 10 000 deterministic OHLC candles in cents, built so that TA-Lib's
// candlestick patterns fire often (dojis, long bodies, gaps, inside bars, equal closes), for
// comparing DA-KI's cdl* functions with TA-Lib's own output on them (see README.md here).
// Run: node packages/sdk/test/reference/candles/make-synthetic-candles.mjs
import { writeFileSync } from 'node:fs';

// mulberry32: a small seeded generator, so the file is the same on every machine.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20261204);
const pick = (weights) => {
  let r = next() * weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < weights.length; k++) {
    r -= weights[k];
    if (r < 0) return k;
  }
  return weights.length - 1;
};
const cents = (x) => Math.round(x * 100) / 100;

const rows = ['index,open,high,low,close'];
let close = 100;
let prev = { open: 100, high: 101, low: 99, close: 100 };
for (let i = 0; i < 10000; i++) {
  const scale = Math.max(close, 5) * 0.01;
  let bar;
  if (next() < 0.12) {
    // Inside bar: strictly within the previous range (hikkake setups, harami-like shapes).
    const span = prev.high - prev.low;
    const low = cents(prev.low + span * (0.1 + 0.2 * next()));
    const high = cents(prev.high - span * (0.1 + 0.2 * next()));
    const a = cents(low + (high - low) * next());
    const b = cents(low + (high - low) * next());
    bar = { open: a, high: Math.max(high, a, b), low: Math.min(low, a, b), close: b };
  } else {
    // Open: at the previous close, or gapping (a tenth of the time beyond the previous range).
    const gapKind = pick([5, 3, 1]);
    const gap =
      gapKind === 0
        ? 0
        : gapKind === 1
          ? (next() - 0.5) * 2 * scale
          : (next() < 0.5 ? -1 : 1) * (prev.high - prev.low + scale * (0.2 + next()));
    const open = cents(Math.max(1, close + gap));
    // Body: doji, short, long or very long; equal closes now and then.
    const bodyKind = pick([2, 3, 3, 1, 1]);
    const size = [0.05 * next(), 0.3 + 0.7 * next(), 1 + 1.5 * next(), 3 + 3 * next(), 0][bodyKind] * scale;
    const direction = next() < 0.5 ? -1 : 1;
    let end = bodyKind === 4 ? prev.close : open + direction * size;
    end = cents(Math.max(0.5, end));
    const shadow = () => [0, 0.1 * next(), 0.3 + next(), 1.5 + 2 * next()][pick([3, 3, 3, 1])] * scale;
    bar = {
      open,
      high: cents(Math.max(open, end) + shadow()),
      low: cents(Math.max(0.01, Math.min(open, end) - shadow())),
      close: end,
    };
  }
  rows.push(`${i},${bar.open},${bar.high},${bar.low},${bar.close}`);
  prev = bar;
  close = bar.close;
}
writeFileSync(new URL('./synthetic-candles.csv', import.meta.url), `${rows.join('\n')}\n`);
