import { Decimal } from 'decimal.js';
import { describe, expect, test } from 'vitest';
import type { PortfolioSummary, PositionView } from '../../../src/contract/index.js';
import { signUp } from '../users.js';
import type { E2EContext } from './context.js';

// The expected figures are computed here, independently of the server's code, in exact decimal
// arithmetic: value = shares × price rounded half-up to cents, P/L = value − investment, P/L % to two
// places in the summary, entry price = investment / shares to four places (the stored precision).
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
const cents = (x: Decimal) => x.toDecimalPlaces(2, D.ROUND_HALF_UP).toNumber();

function expectedSummary(positions: { shares: string; investment: string; price: number }[]) {
  let value = new D(0);
  let invested = new D(0);
  for (const p of positions) {
    value = value.plus(new D(p.shares).times(p.price).toDecimalPlaces(2, D.ROUND_HALF_UP));
    invested = invested.plus(p.investment);
  }
  const profitLoss = value.minus(invested);
  return {
    total_positions: positions.length,
    total_invested: cents(invested),
    total_value: cents(value),
    profit_loss: cents(profitLoss),
    profit_loss_percent: invested.isZero()
      ? 0
      : profitLoss.div(invested).times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toNumber(),
  };
}

/** The concept's user journey, step by step over HTTP. */
export function journeySuite(ctx: E2EContext): void {
  describe("the concept's user journey", () => {
    test('top 10 → register, log in → add the top stock → summary → change it → delete it → empty summary', async () => {
      const top = (await ctx.top10()).top_10_wachstums_aktien[0]!;
      const price = top.current_price;
      const user = await signUp(ctx.api, 'journey');
      const shares = '12.5';
      const investment = '2500.45';
      const stopLoss = new D(price).times(0.8).toDecimalPlaces(2).toNumber();
      const takeProfit = new D(price).times(1.5).toDecimalPlaces(2).toNumber();

      const added = await user.api.post<PositionView>('/api/live-monitoring/add', {
        symbol: top.symbol.toLowerCase(),
        shares: Number(shares),
        investment: Number(investment),
        stop_loss: stopLoss,
        take_profit: takeProfit,
      });
      expect(added.status, added.text).toBe(201);
      const position = added.body;
      expect(position.position_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const value = new D(shares).times(price).toDecimalPlaces(2, D.ROUND_HALF_UP);
      expect(position).toMatchObject({
        symbol: top.symbol,
        shares: Number(shares),
        investment: Number(investment),
        entry_price: new D(investment).div(shares).toDecimalPlaces(4, D.ROUND_HALF_UP).toNumber(),
        current_price: price,
        current_value: value.toNumber(),
        profit_loss: cents(value.minus(investment)),
        stop_loss: stopLoss,
        take_profit: takeProfit,
        alert_triggered: false,
        status: 'active',
      });

      const summary = await user.api.get<PortfolioSummary>('/api/monitoring/summary');
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject(expectedSummary([{ shares, investment, price }]));
      expect(summary.body.positions.map((p) => p.position_id)).toEqual([position.position_id]);

      const list = await user.api.get<{ positions: PositionView[] }>('/api/live-monitoring');
      expect(list.body.positions.map((p) => p.position_id)).toEqual([position.position_id]);

      // Change the stop-loss and the share count: value and entry price follow the new count.
      const newShares = '20';
      const newStopLoss = new D(price).times(0.9).toDecimalPlaces(2).toNumber();
      const patched = await user.api.patch<PositionView>(`/api/live-monitoring/${position.position_id}`, {
        stop_loss: newStopLoss,
        shares: Number(newShares),
      });
      expect(patched.status, patched.text).toBe(200);
      const newValue = new D(newShares).times(price).toDecimalPlaces(2, D.ROUND_HALF_UP);
      expect(patched.body).toMatchObject({
        position_id: position.position_id,
        shares: 20,
        investment: Number(investment),
        stop_loss: newStopLoss,
        take_profit: takeProfit,
        current_value: newValue.toNumber(),
        profit_loss: cents(newValue.minus(investment)),
        entry_price: new D(investment).div(newShares).toDecimalPlaces(4, D.ROUND_HALF_UP).toNumber(),
        alert_triggered: false,
      });
      const changed = await user.api.get<PortfolioSummary>('/api/monitoring/summary');
      expect(changed.body).toMatchObject(expectedSummary([{ shares: newShares, investment, price }]));

      // A stop-loss above the market price fires the alert.
      const alerting = await user.api.patch<PositionView>(`/api/live-monitoring/${position.position_id}`, {
        stop_loss: new D(price).times(1.1).toDecimalPlaces(2).toNumber(),
      });
      expect(alerting.status, alerting.text).toBe(200);
      expect(alerting.body.alert_triggered).toBe(true);

      const deleted = await user.api.delete(`/api/live-monitoring/${position.position_id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      const empty = await user.api.get<PortfolioSummary>('/api/monitoring/summary');
      expect(empty.body).toEqual({
        total_positions: 0,
        total_invested: 0,
        total_value: 0,
        profit_loss: 0,
        profit_loss_percent: 0,
        positions: [],
      });
      expect((await user.api.delete(`/api/live-monitoring/${position.position_id}`)).status).toBe(404);
    });

    test('the summary adds up several positions, each valued at its own price', async () => {
      const [first, second] = (await ctx.top10()).top_10_wachstums_aktien;
      const user = await signUp(ctx.api, 'portfolio');
      const holdings = [
        { symbol: first!.symbol, shares: '3.333', investment: '999.99', price: first!.current_price },
        { symbol: second!.symbol, shares: '0.5', investment: '10.01', price: second!.current_price },
      ];
      for (const h of holdings) {
        const added = await user.api.post('/api/live-monitoring/add', {
          symbol: h.symbol,
          shares: Number(h.shares),
          investment: Number(h.investment),
        });
        expect(added.status, added.text).toBe(201);
      }
      const summary = await user.api.get<PortfolioSummary>('/api/monitoring/summary');
      expect(summary.body).toMatchObject(expectedSummary(holdings));
      expect(summary.body.positions.map((p) => p.symbol).sort()).toEqual(
        holdings.map((h) => h.symbol).sort(),
      );
    });
  });
}
