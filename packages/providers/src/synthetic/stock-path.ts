import { createRng, type RawBarColumns, type Rng } from '@da-ki/sdk';
import { simulateGarch } from './garch.js';
import type { MarketFactors } from './market-factors.js';
import { SECTOR_PROFILES } from './sector-profiles.js';
import type { SyntheticCompany } from './universe.js';

/** The hidden parameters of one synthetic stock: what fundamentals and news are derived from. */
export interface StockTraits {
  /** Sensitivity to the market factor. */
  beta: number;
  /** Own daily log-return drift: > 0 makes a winner, < 0 a loser. */
  drift: number;
  /** Long-run daily idiosyncratic volatility. */
  idiosyncraticVolatility: number;
  /** Market capitalisation on the last day, in USD. */
  marketCap: number;
  /** Shares outstanding (market cap / last close). */
  sharesOutstanding: number;
}

/** The simulated bars of one stock (not yet validated) and its traits. */
export interface StockPath {
  traits: StockTraits;
  bars: RawBarColumns;
  /** Conditional daily volatility of the stock on each bar's day, for sizing news-worthy moves. */
  volatility: Float64Array;
}

const MEDIAN_MARKET_CAP = 15e9;
const MEDIAN_START_PRICE = 50;
const MEDIAN_DAILY_TURNOVER = 0.006;
const EARNINGS_CYCLE = 63;
/** Standard deviation of an earnings-day jump, in units of the stock's idiosyncratic volatility. */
const EARNINGS_JUMP = 3;

/**
 * Simulates one stock on the trading calendar: log return = drift + β·market + sector +
 * idiosyncratic GARCH(1,1)-t shock. Quarterly earnings days add a jump. Open, high and low are drawn around the close so that
 * low ≤ open, close ≤ high; volume clusters (AR(1) in logs) and rises with |return|. A few
 * trading halts of 3–5 days remove rows (the price keeps moving, so trading resumes with a gap).
 * Deterministic from the seed and the symbol alone, so stocks can be generated lazily, in any order.
 */
export function simulateStock(
  seed: number | string,
  company: SyntheticCompany,
  calendar: Float64Array,
  factors: MarketFactors,
): StockPath {
  const rng = createRng(`${seed}|stock|${company.symbol}`);
  const profile = SECTOR_PROFILES[company.sector];
  const days = calendar.length;

  const marketCap = clamp(MEDIAN_MARKET_CAP * Math.exp(1.2 * rng.normal()), 3e8, 3e12);
  const beta = clamp(profile.beta + 0.25 * rng.normal(), 0.15, 2.3);
  const drift = 0.0008 * rng.normal();
  // Small companies move more on their own news.
  const sizeFactor = (MEDIAN_MARKET_CAP / marketCap) ** 0.15;
  const idiosyncraticVolatility = clamp(
    profile.idiosyncraticVolatility * sizeFactor * Math.exp(0.25 * rng.normal()),
    0.005,
    0.06,
  );
  const alpha = 0.06 + 0.08 * rng.next();
  const persistence = 0.95 + 0.035 * rng.next();
  const own = simulateGarch(rng, days, {
    alpha,
    beta: persistence - alpha,
    dof: rng.int(4, 6),
    longRunVolatility: () => idiosyncraticVolatility,
  });

  // Quarterly earnings reports move a stock far more than an ordinary day: an extra jump every
  // 63 trading days at a stock-specific offset (the "earnings announcement" effect).
  const earningsOffset = rng.int(0, EARNINGS_CYCLE - 1);

  const sector = factors.sectors.get(company.sector) as Float64Array;
  const sectorVolatility = factors.sectorVolatility.get(company.sector) as Float64Array;
  const open = new Float64Array(days);
  const high = new Float64Array(days);
  const low = new Float64Array(days);
  const close = new Float64Array(days);
  const logVolumeShock = new Float64Array(days);
  const volatility = new Float64Array(days);
  const absReturnScore = new Float64Array(days);
  let previousClose = clamp(MEDIAN_START_PRICE * Math.exp(0.9 * rng.normal()), 4, 1500);
  let volumeState = 0;
  for (let t = 0; t < days; t++) {
    const sigma = Math.sqrt(
      (beta * (factors.marketVolatility[t] as number)) ** 2 +
        (sectorVolatility[t] as number) ** 2 +
        (own.volatility[t] as number) ** 2,
    );
    const earningsJump =
      (t - earningsOffset) % EARNINGS_CYCLE === 0
        ? EARNINGS_JUMP * idiosyncraticVolatility * rng.normal()
        : 0;
    const logReturn =
      drift +
      beta * (factors.market[t] as number) +
      (sector[t] as number) +
      (own.shocks[t] as number) +
      earningsJump;
    // Part of the day's move happens overnight (the open gaps), the rest during the session.
    const overnight = 0.35 * logReturn + 0.2 * sigma * rng.normal();
    const o = previousClose * Math.exp(overnight);
    const c = previousClose * Math.exp(logReturn);
    const h = Math.max(o, c) * Math.exp(0.45 * sigma * Math.abs(rng.normal()));
    const l = Math.min(o, c) * Math.exp(-0.45 * sigma * Math.abs(rng.normal()));
    open[t] = roundPrice(o);
    close[t] = roundPrice(c);
    high[t] = Math.max(roundPrice(h), open[t] as number, close[t] as number);
    low[t] = Math.min(roundPrice(l), open[t] as number, close[t] as number);
    volumeState = 0.85 * volumeState + 0.25 * rng.normal();
    logVolumeShock[t] = volumeState;
    absReturnScore[t] = Math.abs(logReturn) / sigma;
    volatility[t] = sigma;
    previousClose = c;
  }

  const lastClose = close[days - 1] as number;
  const sharesOutstanding = Math.round(marketCap / lastClose);
  const baseVolume = sharesOutstanding * MEDIAN_DAILY_TURNOVER * Math.exp(0.5 * rng.normal());
  const volume = new Float64Array(days);
  for (let t = 0; t < days; t++) {
    // |z| of a normal averages 0.8: centring keeps the median turnover where it was drawn.
    const logVolume =
      Math.log(baseVolume) + (logVolumeShock[t] as number) + 0.45 * ((absReturnScore[t] as number) - 0.8);
    volume[t] = Math.max(100, Math.round(Math.exp(logVolume)));
  }

  const keep = rowsOutsideHalts(rng, days);
  const pick = (column: Float64Array): Float64Array => {
    const out = new Float64Array(keep.length);
    for (let i = 0; i < keep.length; i++) out[i] = column[keep[i] as number] as number;
    return out;
  };
  return {
    traits: {
      beta,
      drift,
      idiosyncraticVolatility,
      marketCap: sharesOutstanding * lastClose,
      sharesOutstanding,
    },
    bars: {
      symbol: company.symbol,
      source: 'synthetic',
      timestamps: pick(calendar),
      open: pick(open),
      high: pick(high),
      low: pick(low),
      close: pick(close),
      volume: pick(volume),
    },
    volatility: pick(volatility),
  };
}

/**
 * Row indices left after 0–2 trading halts of 3–5 days each (45 % of stocks have at least one),
 * never in the first or last ten days so every series starts and ends on the calendar's bounds.
 */
function rowsOutsideHalts(rng: Rng, days: number): number[] {
  const halted = new Uint8Array(days);
  const roll = rng.next();
  const halts = days < 40 ? 0 : roll < 0.55 ? 0 : roll < 0.9 ? 1 : 2;
  for (let k = 0; k < halts; k++) {
    const length = rng.int(3, 5);
    const start = rng.int(10, days - 10 - length);
    halted.fill(1, start, start + length);
  }
  const keep: number[] = [];
  for (let t = 0; t < days; t++) if (halted[t] === 0) keep.push(t);
  return keep;
}

/** Cents, as quoted; sub-dollar prices to 1/100 cent, as US exchanges allow below $1. */
function roundPrice(price: number): number {
  const rounded = price >= 1 ? Math.round(price * 100) / 100 : Math.round(price * 10_000) / 10_000;
  return Math.max(rounded, 0.0001);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
