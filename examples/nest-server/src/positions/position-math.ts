import { Decimal } from 'decimal.js';

/** A position's money figures, computed in decimal arithmetic (never binary floating point). */
export interface Valuation {
  currentValue: Decimal;
  profitLoss: Decimal;
  profitLossPercent: Decimal;
  alertTriggered: boolean;
  /** Which limit fired, if any. */
  alert: 'stop_loss' | 'take_profit' | null;
}

/** Values a position at `price`: value = shares × price, P/L against the invested amount. */
export function valuePosition(input: {
  shares: Decimal.Value;
  investedAmount: Decimal.Value;
  price: Decimal.Value;
  stopLoss?: Decimal.Value | null;
  takeProfit?: Decimal.Value | null;
}): Valuation {
  const price = new Decimal(input.price);
  const currentValue = new Decimal(input.shares).times(price).toDecimalPlaces(2);
  const invested = new Decimal(input.investedAmount);
  const profitLoss = currentValue.minus(invested);
  const profitLossPercent = invested.isZero()
    ? new Decimal(0)
    : profitLoss.div(invested).times(100).toDecimalPlaces(4);
  let alert: Valuation['alert'] = null;
  if (input.stopLoss != null && price.lte(input.stopLoss)) alert = 'stop_loss';
  else if (input.takeProfit != null && price.gte(input.takeProfit)) alert = 'take_profit';
  return { currentValue, profitLoss, profitLossPercent, alertTriggered: alert !== null, alert };
}

/** Money for JSON: a number rounded to cents (exact decimal rounding first). */
export function money(value: Decimal.Value): number {
  return new Decimal(value).toDecimalPlaces(2).toNumber();
}

/** The price paid per share: investment / shares, at the 4 decimals of the `entry_price` column. */
export function entryPrice(investment: Decimal.Value, shares: Decimal.Value): Decimal {
  return new Decimal(investment).div(shares).toDecimalPlaces(4);
}

/**
 * Why a position's figures do not fit their NUMERIC columns (entry_price NUMERIC(18,4) > 0,
 * profit_loss_percent NUMERIC(12,4)), or null if they do. Without this check an absurd ratio of
 * shares to investment fails the INSERT/UPDATE with a 500 instead of a 400.
 */
export function unstorableReason(entry: Decimal, valuation: Valuation): string | null {
  if (entry.lt('0.0001')) return 'investment / shares (the entry price) must be at least 0.0001';
  if (entry.gte('1e14')) return 'investment / shares (the entry price) must be below 1e14';
  if (valuation.profitLossPercent.abs().gte('1e8'))
    return 'shares × price must be within a million times the investment';
  return null;
}
