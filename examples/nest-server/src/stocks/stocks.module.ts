import { Module } from '@nestjs/common';
import { MarketPrices } from '../market/market-prices.js';
import { AnalysisService } from './analysis.service.js';
import { PriceHistoryService } from './price-history.service.js';
import { StocksController } from './stocks.controller.js';

/** The growth ranking, stock detail, and the market prices positions are valued at. */
@Module({
  controllers: [StocksController],
  providers: [AnalysisService, PriceHistoryService, { provide: MarketPrices, useExisting: AnalysisService }],
  exports: [AnalysisService, MarketPrices],
})
export class StocksModule {}
