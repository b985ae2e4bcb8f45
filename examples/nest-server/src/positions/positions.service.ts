import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { AuditService } from '../audit/audit.service.js';
import { DATABASE } from '../common/tokens.js';
import type { Database, Queryable } from '../db/database.js';
import { MarketPrices } from '../market/market-prices.js';
import { entryPrice, unstorableReason, type Valuation, valuePosition } from './position-math.js';
import { type PositionRow, type PositionView, summarisePositions, toPositionView } from './position-view.js';
import type { AddPosition, UpdatePosition } from './positions.schemas.js';
import { type ValuationWrite, writeValuations } from './valuation-writes.js';

/** Monitored positions: every query is scoped to its owner, every access audited. */
@Injectable()
export class PositionsService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly prices: MarketPrices,
    private readonly audit: AuditService,
  ) {}

  async add(userId: string, body: AddPosition, requestId: string): Promise<PositionView> {
    const price = await this.prices.latestPrice(body.symbol); // 404 for an unknown symbol, before any write
    // The user tells what they paid: the entry price is investment / shares, valued now at the market.
    const entry = entryPrice(body.investment, body.shares);
    const valuation = valuePosition({
      shares: body.shares,
      investedAmount: body.investment,
      price,
      stopLoss: body.stop_loss,
      takeProfit: body.take_profit,
    });
    assertStorable(entry, valuation, 'investment');
    return this.database.transaction(async (tx) => {
      const inserted = await tx.query<PositionRow>(
        `INSERT INTO positions (user_id, symbol, shares, invested_amount, entry_price, current_price, current_value,
           profit_loss, profit_loss_percent, stop_loss, take_profit, alert_triggered)
         VALUES ($1, $2, $3, $4, $5, $12, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [
          userId,
          body.symbol,
          String(body.shares),
          new Decimal(body.investment).toFixed(2),
          entry.toFixed(4),
          valuation.currentValue.toFixed(2),
          valuation.profitLoss.toFixed(2),
          valuation.profitLossPercent.toFixed(4),
          body.stop_loss ?? null,
          body.take_profit ?? null,
          valuation.alertTriggered,
          new Decimal(price).toFixed(4),
        ],
      );
      const row = inserted.rows[0] as PositionRow;
      await this.audit.record(
        {
          userId,
          action: 'position.create',
          resource: 'position',
          resourceId: row.id,
          requestId,
          details: { symbol: body.symbol },
        },
        tx,
      );
      return toPositionView(row);
    });
  }

  /** The user's positions, revalued at the latest prices. */
  async list(userId: string, requestId: string): Promise<PositionView[]> {
    const rows = (
      await this.database.query<PositionRow>(
        'SELECT * FROM positions WHERE user_id = $1 ORDER BY created_at DESC',
        [userId],
      )
    ).rows;
    const views = (await this.revalue(rows)).map(toPositionView);
    await this.audit.recordQuietly({ userId, action: 'position.list', resource: 'position', requestId });
    return views;
  }

  async update(
    userId: string,
    positionId: string,
    body: UpdatePosition,
    requestId: string,
  ): Promise<PositionView> {
    return this.changeOwned(userId, positionId, requestId, async (tx, row) => {
      const next = {
        shares: body.shares !== undefined ? String(body.shares) : row.shares,
        invested:
          body.investment !== undefined ? new Decimal(body.investment).toFixed(2) : row.invested_amount,
        stopLoss: body.stop_loss !== undefined ? body.stop_loss : row.stop_loss,
        takeProfit: body.take_profit !== undefined ? body.take_profit : row.take_profit,
        status: body.status ?? row.status,
      };
      if (
        next.stopLoss != null &&
        next.takeProfit != null &&
        new Decimal(next.stopLoss).gte(next.takeProfit)
      ) {
        throw new BadRequestException({
          message: 'Invalid body: stop_loss: must be below take_profit',
          issues: [{ field: 'stop_loss', reason: 'must be below take_profit' }],
        });
      }
      const valuation = valuePosition({
        shares: next.shares,
        investedAmount: next.invested,
        price: row.current_price,
        stopLoss: next.stopLoss,
        takeProfit: next.takeProfit,
      });
      // The entry price is investment / shares (as on add), so it follows a change of either.
      const entry = entryPrice(next.invested, next.shares);
      assertStorable(entry, valuation, body.shares !== undefined ? 'shares' : 'investment');
      const updated = await tx.query<PositionRow>(
        `UPDATE positions SET shares = $3, invested_amount = $4, stop_loss = $5, take_profit = $6, status = $7,
           current_value = $8, profit_loss = $9, profit_loss_percent = $10, alert_triggered = $11, entry_price = $12,
           updated_at = now()
         WHERE id = $1 AND user_id = $2 RETURNING *`,
        [
          positionId,
          userId,
          next.shares,
          next.invested,
          next.stopLoss,
          next.takeProfit,
          next.status,
          valuation.currentValue.toFixed(2),
          valuation.profitLoss.toFixed(2),
          valuation.profitLossPercent.toFixed(4),
          valuation.alertTriggered,
          entry.toFixed(4),
        ],
      );
      await this.audit.record(
        {
          userId,
          action: 'position.update',
          resource: 'position',
          resourceId: positionId,
          requestId,
          details: { fields: Object.keys(body) },
        },
        tx,
      );
      return toPositionView(updated.rows[0] as PositionRow);
    });
  }

  async remove(userId: string, positionId: string, requestId: string): Promise<void> {
    await this.changeOwned(userId, positionId, requestId, async (tx) => {
      await tx.query('DELETE FROM positions WHERE id = $1 AND user_id = $2', [positionId, userId]);
      await this.audit.record(
        { userId, action: 'position.delete', resource: 'position', resourceId: positionId, requestId },
        tx,
      );
    });
  }

  /** Totals over the user's active positions, at the latest prices. */
  async summary(userId: string, requestId: string) {
    return summarisePositions((await this.list(userId, requestId)).filter((p) => p.status === 'active'));
  }

  /**
   * Runs `work` in a transaction on a position of this user, locked; 404 (the same answer whether it
   * is someone else's or does not exist) otherwise. The denial is audited after the rollback, not
   * inside the transaction: PGlite has a single connection, so an audit insert outside `tx` would
   * wait for the transaction while the transaction waits for it — a deadlock of the whole database.
   */
  private async changeOwned<T>(
    userId: string,
    positionId: string,
    requestId: string,
    work: (tx: Queryable, row: PositionRow) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.database.transaction(async (tx) => {
        const row = (
          await tx.query<PositionRow>('SELECT * FROM positions WHERE id = $1 AND user_id = $2 FOR UPDATE', [
            positionId,
            userId,
          ])
        ).rows[0];
        if (!row) throw new NotFoundException(`Position ${positionId} not found`);
        return work(tx, row);
      });
    } catch (error) {
      if (error instanceof NotFoundException) {
        await this.audit.recordQuietly({
          userId,
          action: 'position.access',
          resource: 'position',
          resourceId: positionId,
          requestId,
          outcome: 'denied',
        });
      }
      throw error;
    }
  }

  /**
   * The active rows revalued at the latest prices and written back. The prices (provider, cache,
   * Redis live quotes; each with its own deadline) are all fetched first, and then one UPDATE writes
   * them: no database connection is held while a price is awaited, so a slow provider or Redis
   * cannot tie up the pool. A symbol that cannot be priced now keeps its last known valuation.
   */
  private async revalue(rows: PositionRow[]): Promise<PositionRow[]> {
    const active = rows.filter((row) => row.status === 'active');
    const prices = new Map<string, number>();
    await Promise.all(
      [...new Set(active.map((row) => row.symbol))].map(async (symbol) => {
        try {
          prices.set(symbol, await this.prices.latestPrice(symbol));
        } catch {
          // no price now: the row keeps the valuation stored with its last known price
        }
      }),
    );
    const writes: ValuationWrite[] = [];
    for (const row of active) {
      const price = prices.get(row.symbol);
      if (price === undefined) continue;
      const valuation = valuePosition({
        shares: row.shares,
        investedAmount: row.invested_amount,
        price,
        stopLoss: row.stop_loss,
        takeProfit: row.take_profit,
      });
      writes.push([
        row.id,
        new Decimal(price).toFixed(4),
        valuation.currentValue.toFixed(2),
        valuation.profitLoss.toFixed(2),
        valuation.profitLossPercent.toFixed(4),
        valuation.alertTriggered,
      ]);
    }
    if (writes.length === 0) return rows;
    const updated = new Map((await writeValuations(this.database, writes, true)).map((row) => [row.id, row]));
    return rows.map((row) => updated.get(row.id) ?? row);
  }
}

/** A 400 naming `field` when the figures would not fit their columns (before anything is written). */
function assertStorable(entry: Decimal, valuation: Valuation, field: 'shares' | 'investment'): void {
  const reason = unstorableReason(entry, valuation);
  if (reason)
    throw new BadRequestException({
      message: `Invalid body: ${field}: ${reason}`,
      issues: [{ field, reason }],
    });
}
