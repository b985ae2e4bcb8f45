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
