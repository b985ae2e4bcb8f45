import { Module } from '@nestjs/common';
import { StocksModule } from '../stocks/stocks.module.js';
import { PositionsController } from './positions.controller.js';
import { PositionsService } from './positions.service.js';

/** `/api/live-monitoring` and `/api/monitoring/summary`. Needs `MarketPrices` from the stocks module. */
@Module({ imports: [StocksModule], controllers: [PositionsController], providers: [PositionsService] })
export class PositionsModule {}
