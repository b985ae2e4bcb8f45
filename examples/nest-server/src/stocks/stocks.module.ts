import { Module } from '@nestjs/common';
import { PredictionService } from '../forecasts/prediction.service.js';
import { MarketPrices } from '../market/market-prices.js';
import { AnalysisService } from './analysis.service.js';
import { PriceHistoryService } from './price-history.service.js';
import { StocksController } from './stocks.controller.js';

/** The growth ranking, stock detail with forecasts, and the market prices positions are valued at. */
@Module({
  controllers: [StocksController],
  providers: [
    AnalysisService,
    PriceHistoryService,
    PredictionService,
    { provide: MarketPrices, useExisting: AnalysisService },
  ],
  exports: [AnalysisService, MarketPrices, PredictionService],
})
export class StocksModule {}
