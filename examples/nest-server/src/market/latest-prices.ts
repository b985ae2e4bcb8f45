import { Injectable } from '@nestjs/common';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { LivePriceSource } from './live-price-source.js';
import { MarketDataGateway } from './market-data.gateway.js';
import { MarketPrices } from './market-prices.js';

/**
 * The latest price of a symbol for position valuations: the live intraday price when the feed has
 * one, else the close the served run was scored on, else the last daily close from the market data.
 */
@Injectable()
export class LatestPrices extends MarketPrices {
  constructor(
    private readonly live: LivePriceSource,
    private readonly scoring: ScoringRunner,
    private readonly market: MarketDataGateway,
  ) {
    super();
  }

  async latestPrice(symbol: string): Promise<number> {
    const live = await this.live.price(symbol);
    if (live !== undefined) return live;
    const scored = this.scoring.served?.bySymbol.get(symbol);
    if (scored) return scored.currentPrice;
    const bars = await this.market.bars(symbol);
    return bars.close[bars.close.length - 1] as number;
  }
}
