import type { StockSummary } from '../contract/market.js';

/** Columns of the screener's CSV, in order: the summary's numbers, flat (factors by name). */
const COLUMNS: readonly [string, (s: StockSummary) => string | number | null | undefined][] = [
  ['rank', (s) => s.rank],
  ['symbol', (s) => s.symbol],
  ['name', (s) => s.name],
  ['sector', (s) => s.sector],
  ['sector_rank', (s) => s.sector_rank],
  ['score', (s) => s.score],
  ['grade', (s) => s.grade],
  ['performance', (s) => s.factors.performance],
  ['fundamental', (s) => s.factors.fundamental],
  ['sentiment', (s) => s.factors.sentiment],
  ['sector_score', (s) => s.factors.sector],
  ['momentum', (s) => s.factors.momentum],
  ['risk_level', (s) => s.risk_level],
  ['confidence_level', (s) => s.confidence_level],
  ['current_price', (s) => s.current_price],
  ['market_cap', (s) => s.market_cap],
  ['change_1d_percent', (s) => s.change_1d_percent],
  ['pe', (s) => s.pe],
  ['pb', (s) => s.pb],
  ['rsi_14', (s) => s.rsi_14],
  ['return_12m_percent', (s) => s.return_12m_percent],
  ['forecast_return_percent', (s) => s.forecast_return_percent],
];

/** The header row of {@link stockCsv}. */
export const STOCK_CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/**
 * Summaries as CSV (RFC 4180: comma-separated, CRLF line ends, a header row, fields with a comma,
 * quote or line break quoted). An unknown value is an empty field. A text field that a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or CR: names come from data files) is
 * prefixed with ' as OWASP advises against CSV injection.
 */
export function stockCsv(summaries: readonly StockSummary[]): string {
  const lines = [STOCK_CSV_COLUMNS.join(',')];
  for (const summary of summaries) lines.push(COLUMNS.map(([, value]) => field(value(summary))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
