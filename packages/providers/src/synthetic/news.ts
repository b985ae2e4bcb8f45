import { createRng, type NewsItem, type Rng } from '@da-ki/sdk';
import type { StockPath } from './stock-path.js';
import type { SyntheticCompany } from './universe.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Headlines cover the last 60 calendar days of the series. */
export const NEWS_WINDOW_DAYS = 60;
const MIN_HEADLINES = 10;
const MAX_HEADLINES = 40;
/** Share of headlines that react to the stock's moves; the rest is neutral corporate filler. */
const TONE_SHARE = 0.6;

// `{n}` is the company. Tone words are ones both plain VADER and finance lexicons score, so the
// signal survives whichever sentiment analyser reads them.
/** Headline templates; `{n}` is the company. */
export const STRONG_POSITIVE = [
  '{n} beats estimates as strong demand lifts profit',
  '{n} shares surge on strong demand',
  '{n} raises full-year guidance on robust growth',
  '{n} posts record profit and tops expectations',
  '{n} wins major contract, shares soar to a new high',
] as const;
/** Headline templates; `{n}` is the company. */
export const POSITIVE = [
  'Analyst upgrades {n} to buy, citing improved margins',
  '{n} gains as investors cheer new product launch',
  '{n} shares climb on optimism over growth plans',
  '{n} wins approval for expansion, outlook improves',
  '{n} confident on demand after successful quarter',
] as const;
/** Headline templates; `{n}` is the company. */
export const NEGATIVE = [
  'Analyst downgrades {n} to sell, citing weak margins',
  '{n} slips as investors worry about slowing demand',
  '{n} faces lawsuit over delayed product launch',
  '{n} shares drop amid pricing pressure',
  '{n} struggles with rising costs, margins under pressure',
] as const;
/** Headline templates; `{n}` is the company. */
export const STRONG_NEGATIVE = [
  '{n} misses estimates and cuts guidance on weak demand',
  '{n} shares plunge after disappointing results',
  '{n} warns of losses as sales fall',
  '{n} lowers outlook amid weakness in core market',
  '{n} hit by downgrade after profit warning, fears grow',
] as const;
/** Headline templates; `{n}` is the company. */
export const NEUTRAL = [
  '{n} to present at industry conference',
  '{n} announces date of quarterly earnings call',
  '{n} schedules annual shareholder meeting',
  '{n} names new chief financial officer',
  '{n} files quarterly report with regulators',
  '{n} opens new regional office',
  '{n} completes refinancing of notes due 2031',
  '{n} appoints new board member',
  '{n} relocates headquarters to new campus',
  '{n} updates investor presentation',
  '{n} publishes annual sustainability report',
  '{n} reorganises regional sales teams',
] as const;

/**
 * Headlines about a synthetic stock over the last {@link NEWS_WINDOW_DAYS} days, newest first:
 * 10–40 per symbol (more for larger companies). About 60 % react to actual moves — the bigger a
 * day's return relative to its volatility (and the trailing 10-day trend), the likelier a headline,
 * with positive tone after gains and negative after losses — and the rest is neutral filler, so
 * that headline sentiment carries real but noisy signal about returns.
 */
export function generateNews(seed: number | string, company: SyntheticCompany, path: StockPath): NewsItem[] {
  const rng = createRng(`${seed}|news|${company.symbol}`);
  const { timestamps, close } = path.bars;
  const n = timestamps.length;
  const lastDay = timestamps[n - 1] as number;
  let first = n - 1;
  while (first > 1 && (timestamps[first - 1] as number) >= lastDay - NEWS_WINDOW_DAYS * DAY_MS) first--;

  const scores: number[] = [];
  const weights: number[] = [];
  for (let i = first; i < n; i++) {
    const z = Math.log((close[i] as number) / (close[i - 1] as number)) / (path.volatility[i] as number);
    const back = Math.max(0, i - 10);
    const trend =
      Math.log((close[i] as number) / (close[back] as number)) /
      ((path.volatility[i] as number) * Math.sqrt(Math.max(1, i - back)));
    scores.push(z + 0.5 * trend);
    weights.push(0.15 + z * z);
  }

  const sizeRank = Math.min(1, Math.max(0, Math.log(path.traits.marketCap / 3e8) / Math.log(1e4)));
  const count = Math.round(
    MIN_HEADLINES + (MAX_HEADLINES - MIN_HEADLINES) * (0.5 * sizeRank + 0.5 * rng.next()),
  );
  const toneCount = Math.round(count * TONE_SHARE);
  const seen = new Set<string>();
  const items: NewsItem[] = [];
  const add = (dayIndex: number, templates: readonly string[]): void => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const title = rng.pick(templates).replace('{n}', companyLabel(rng, company));
      const key = `${dayIndex}|${title}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Between 12:00 and 22:59 UTC: around the US session, the day the move happened.
      const publishedAt =
        (timestamps[first + dayIndex] as number) + rng.int(12, 22) * HOUR_MS + rng.int(0, 59) * 60_000;
      items.push({ symbol: company.symbol, source: 'synthetic', title, publishedAt });
      return;
    }
  };
  for (let k = 0; k < toneCount; k++) {
    const dayIndex = weightedIndex(rng, weights);
    add(dayIndex, templatesForScore(scores[dayIndex] as number));
  }
  // Filler cycles through a shuffled list: a company rarely issues the same notice twice a month.
  const filler = shuffled(rng, NEUTRAL);
  for (let k = toneCount; k < count; k++) {
    add(rng.int(0, scores.length - 1), [filler[(k - toneCount) % filler.length] as string]);
  }

  return items.sort(
    (a, b) => b.publishedAt - a.publishedAt || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function templatesForScore(score: number): readonly string[] {
  if (score > 2.2) return STRONG_POSITIVE;
  if (score > 0.8) return POSITIVE;
  if (score < -2.2) return STRONG_NEGATIVE;
  if (score < -0.8) return NEGATIVE;
  return NEUTRAL;
}

function companyLabel(rng: Rng, company: SyntheticCompany): string {
  return rng.next() < 0.3 ? `${company.shortName} (${company.symbol})` : company.shortName;
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const weight of weights) total += weight;
  let target = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target < 0) return i;
  }
  return weights.length - 1;
}
