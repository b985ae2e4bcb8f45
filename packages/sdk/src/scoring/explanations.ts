import { RSI_OVERBOUGHT, RSI_OVERSOLD } from './factors/momentum.js';
import { fixed, percent, percentilePhrase, signedFixed, signedPercent } from './format.js';
import type { FactorDetail, FactorName, MetricDetail, RiskDetail } from './types.js';

/** What {@link explainScore} needs about one stock. */
export interface ExplanationInput {
  sector: string;
  details: Record<FactorName, FactorDetail>;
  risk: RiskDetail;
  barCount: number;
  halfLifeDays: number;
}

const RETURN_IDS = ['return12m', 'return6m', 'return3m', 'return1m'] as const;
const RETURN_MONTHS = ['12', '6', '3', '1'] as const;

/**
 * Short sentences naming the numbers behind a score, one to three per factor in factor order,
 * then risk: "12-month return +34.1 % (top 10 % of universe)", "P/E 12.3 vs sector median 18.9",
 * "RSI 74 — overbought". Missing inputs are said as such, so a neutral 50 is never a mystery.
 * (Runs once per stock per scoring: written as plain loops, as it is on the hot path.)
 */
export function explainScore(input: ExplanationInput): string[] {
  const sentences: string[] = [];
  explainPerformance(input.details.performance, input.barCount, sentences);
  explainFundamental(input.details.fundamental, sentences);
  explainSentiment(input.details.sentiment, input.halfLifeDays, sentences);
  explainSector(input.details.sector, input.sector, sentences);
  explainMomentum(input.details.momentum, sentences);
  sentences.push(explainRisk(input.risk));
  return sentences;
}

function explainPerformance(detail: FactorDetail, barCount: number, out: string[]): void {
  let longest: MetricDetail | undefined;
  let unavailable = '';
  let unavailableCount = 0;
  // Shortest first, so the list reads "6- and 12-month".
  for (let k = RETURN_IDS.length - 1; k >= 0; k--) {
    const m = metric(detail, RETURN_IDS[k] as string);
    if (!m) continue;
    if (m.value === null) {
      unavailable =
        unavailableCount === 0 ? (RETURN_MONTHS[k] as string) : `${unavailable}-, ${RETURN_MONTHS[k]}`;
      unavailableCount++;
    }
  }
  for (const id of RETURN_IDS) {
    const m = metric(detail, id);
    if (m && m.value !== null) {
      longest = m;
      break;
    }
  }
  if (longest && longest.value !== null && longest.percentile !== null) {
    out.push(
      `${longest.label} ${signedPercent(longest.value)} (${percentilePhrase(longest.percentile, 'universe')})`,
    );
  }
  if (unavailableCount > 0) {
    const history =
      barCount === 0
        ? 'No price history'
        : `Only ${barCount === 1 ? '1 bar' : `${barCount} bars`} of history`;
    const last = unavailable.lastIndexOf('-, ');
    const horizons =
      unavailableCount === 1
        ? `${unavailable}-month return`
        : `${unavailable.slice(0, last)}- and ${unavailable.slice(last + 3)}-month returns`;
    out.push(`${history}: ${horizons} unavailable (neutral)`);
  }
  const sharpe = metric(detail, 'sharpeRatio');
  const drawdown = metric(detail, 'maxDrawdown');
  if (sharpe?.value != null && sharpe.percentile !== null && drawdown?.value != null) {
    out.push(
      `Return/volatility ${fixed(sharpe.value, 2)} (${percentilePhrase(sharpe.percentile, 'universe')}), ` +
        `max drawdown ${signedPercent(-drawdown.value)} over the last year`,
    );
  }
}

function explainFundamental(detail: FactorDetail, out: string[]): void {
  if (!detail.metrics.some((m) => !m.missing)) {
    out.push('No fundamentals: fundamental factor neutral (50)');
    return;
  }
  const pe = metric(detail, 'peRatio');
  if (!pe || pe.missing) out.push(pe?.note ? `${pe.note} (neutral)` : 'P/E unavailable (neutral)');
  else if (pe.value === null || pe.value <= 0) {
    const shown = pe.value === null ? 'zero earnings' : `P/E ${fixed(pe.value, 1)}`;
    out.push(`Negative earnings (${shown}): P/E not meaningful, ranked last on valuation`);
  } else out.push(`P/E ${fixed(pe.value, 1)} vs sector median ${orNa(pe.sectorMedian, 1, false)}`);
  let others = '';
  for (const m of detail.metrics) {
    if (m.id === 'peRatio' || m.missing || m.value === null) continue;
    const name = m.id === 'returnOnEquity' ? 'ROE' : m.label;
    const isPercent = m.unit === 'percent';
    const text = `${name} ${isPercent ? percent(m.value) : fixed(m.value, 2)} (sector ${orNa(m.sectorMedian, 2, isPercent)})`;
    others = others ? `${others}, ${text}` : text;
  }
  if (others) out.push(others);
}

function explainSentiment(detail: FactorDetail, halfLifeDays: number, out: string[]): void {
  const sentiment = metric(detail, 'newsSentiment');
  const count = metric(detail, 'headlineCount')?.value ?? 0;
  if (!sentiment || sentiment.value === null || sentiment.percentile === null) {
    out.push('No news: sentiment neutral (50), low confidence');
    return;
  }
  const headlines = count === 1 ? '1 headline' : `${count} headlines`;
  const halfLife = fixed(halfLifeDays, Number.isInteger(halfLifeDays) ? 0 : 1);
  out.push(
    `News sentiment ${signedFixed(sentiment.value, 2)} from ${headlines} ` +
      `(recency-weighted, half-life ${halfLife} days; ${percentilePhrase(sentiment.percentile, 'universe')})`,
  );
}

function explainSector(detail: FactorDetail, sector: string, out: string[]): void {
  const strength6m = metric(detail, 'sectorReturn6m');
  const strength = strength6m?.value != null ? strength6m : metric(detail, 'sectorReturn3m');
  if (strength?.value != null) {
    const where =
      strength.percentile === null ? 'the only sector' : percentilePhrase(strength.percentile, 'sectors');
    const horizon = strength === strength6m ? '6-month' : '3-month';
    out.push(`${sector}: median ${horizon} return ${signedPercent(strength.value)} (${where})`);
  }
  const relative6m = metric(detail, 'relativeReturn6m');
  const relative = relative6m?.value != null ? relative6m : metric(detail, 'relativeReturn3m');
  if (relative?.value != null && relative.percentile !== null) {
    const horizon = relative === relative6m ? '6-month' : '3-month';
    const side = relative.value >= 0 ? 'above' : 'below';
    out.push(
      `${horizon} return ${fixed(Math.abs(relative.value) * 100, 1)} points ${side} its sector median`,
    );
  }
}

function explainMomentum(detail: FactorDetail, out: string[]): void {
  const before = out.length;
  const rsi = metric(detail, 'rsi14');
  if (rsi?.value != null) out.push(`RSI ${fixed(rsi.value, 0)} — ${rsiZone(rsi.value)}`);
  for (const days of ['200', '50', '20']) {
    const trend = metric(detail, `priceVsSma${days}`);
    if (trend?.value == null) continue;
    out.push(
      `Price ${percent(Math.abs(trend.value))} ${trend.value >= 0 ? 'above' : 'below'} its ${days}-day average`,
    );
    break;
  }
  const macd = metric(detail, 'macdHistogram');
  if (macd?.value != null) {
    const direction = macd.value >= 0 ? 'rising' : 'fading';
    out.push(`MACD histogram ${signedPercent(macd.value, 2)} of price (${direction} momentum)`);
  }
  if (out.length === before) out.push('Too little history for momentum indicators (neutral)');
}

function explainRisk(risk: RiskDetail): string {
  let inputs = '';
  if (risk.annualizedVolatility !== null) inputs = `volatility ${percent(risk.annualizedVolatility)} a year`;
  if (risk.maxDrawdown !== null)
    inputs += `${inputs ? ', ' : ''}max drawdown ${signedPercent(-risk.maxDrawdown)}`;
  if (risk.beta !== null) inputs += `${inputs ? ', ' : ''}beta ${fixed(risk.beta, 2)}`;
  return `Risk ${risk.level}: ${inputs || `too little history to measure (${risk.level} by default)`}`;
}

function rsiZone(rsi: number): string {
  if (rsi > RSI_OVERBOUGHT) return 'overbought';
  if (rsi < RSI_OVERSOLD) return 'oversold';
  if (rsi >= 55) return 'bullish';
  if (rsi <= 45) return 'bearish';
  return 'neutral';
}

function metric(detail: FactorDetail, id: string): MetricDetail | undefined {
  const metrics = detail.metrics;
  for (let k = 0; k < metrics.length; k++) if ((metrics[k] as MetricDetail).id === id) return metrics[k];
  return undefined;
}

function orNa(value: number | null, digits: number, asPercent: boolean): string {
  if (value === null) return 'n/a';
  return asPercent ? percent(value) : fixed(value, digits);
}
