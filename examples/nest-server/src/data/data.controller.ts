import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataStatusResponse } from '../contract/index.js';
import { MarketDataGateway } from '../market/market-data.gateway.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { dataStatus } from './data-status.js';

/** Public like the market endpoints: what the scores were computed from. */
@ApiTags('data')
@Controller('api/data')
export class DataController {
  constructor(
    private readonly scoring: ScoringRunner,
    private readonly market: MarketDataGateway,
  ) {}

  @Get('status')
  @ApiOperation({
    summary: 'The data report: files and symbols used, warned about or excluded, with the reasons',
    description:
      'For DATA_PROVIDER=folder the report of the data folder (every file and symbol with its status ' +
      'ok / warning / excluded and the reasons naming file, line and column). For other providers a ' +
      'report of the same shape without files: the source, its symbol count and the as-of date.',
  })
  status(): Promise<DataStatusResponse> {
    return dataStatus(this.scoring, this.market);
  }
}
