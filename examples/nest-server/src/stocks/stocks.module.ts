import { Module } from '@nestjs/common';
import { PredictionService } from '../forecasts/prediction.service.js';
import { LiveQuotesModule } from '../jobs/live-quotes.module.js';
import { LatestPrices } from '../market/latest-prices.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import { MarketPrices } from '../market/market-prices.js';
import { ScoreRunRepository } from '../scoring/score-run.repository.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { ScreenerService } from '../screener/screener.service.js';
import { StockResponses } from './stock-responses.js';
import { StocksController } from './stocks.controller.js';

/**
 * The growth ranking and stock detail with forecasts: market data (providers and cache), the scoring
 * runner and its repository, and the market prices positions are valued at.
 */
@Module({
  imports: [LiveQuotesModule],
  controllers: [StocksController],
  providers: [
    MarketDataGateway,
    ScoreRunRepository,
    ScoringRunner,
    PredictionService,
    ScreenerService,
    StockResponses,
    { provide: MarketPrices, useClass: LatestPrices },
  ],
  exports: [MarketDataGateway, ScoringRunner, MarketPrices, PredictionService],
})
export class StocksModule {}
