import { Module } from '@nestjs/common';
import { StocksModule } from '../stocks/stocks.module.js';
import { DataController } from './data.controller.js';

/** `GET /api/data/status`: the report of the data the server scores. */
@Module({ imports: [StocksModule], controllers: [DataController] })
export class DataModule {}
