import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import type { StockDetail, StockPage, Top10Response } from '../contract/index.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { ScreenerService } from '../screener/screener.service.js';
import { StockResponses } from './stock-responses.js';
import { type ListStocksQuery, listStocksQuerySchema, symbolParamSchema } from './stocks.schemas.js';

/** Public market endpoints: the growth ranking and per-stock detail. */
@ApiTags('stocks')
@Controller('api')
export class StocksController {
  constructor(
    private readonly scoring: ScoringRunner,
    private readonly responses: StockResponses,
    private readonly screener: ScreenerService,
  ) {}

  @Get('wachstumsprognose/top10')
  @ApiOperation({ summary: 'The ten stocks with the highest growth score' })
  async top10(): Promise<Top10Response> {
    return this.responses.top10(await this.scoring.latestRun());
  }

  @Get('stocks')
  @ApiOperation({
    summary: 'The screener: the scored universe filtered, sorted and paged, as JSON or CSV',
  })
  // Parameters, bodies and answers of every operation are documented from src/contract.
  async list(
    @Query(new ZodValidationPipe(listStocksQuerySchema, 'query')) query: ListStocksQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StockPage | string> {
    const run = await this.scoring.latestRun();
    if (!wantsCsv(query, accept)) return this.screener.page(run, query);
    const { csv, total } = await this.screener.csv(run, query);
    reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="da-ki-stocks-${run.asOf}.csv"`)
      // How many stocks passed the filters: more than the rows when the export was capped.
      .header('X-Total-Count', String(total));
    return csv;
  }

  @Get('stocks/:symbol')
  @ApiOperation({ summary: 'Score, factor drill-down, indicators and recent history of one stock' })
  async detail(
    @Param('symbol', new ZodValidationPipe(symbolParamSchema, 'symbol')) symbol: string,
  ): Promise<StockDetail> {
    return this.responses.detail(await this.scoring.latestRun(), symbol);
  }
}

/** CSV when the query says `format=csv`, or says no format and the client accepts CSV but not JSON. */
function wantsCsv(query: ListStocksQuery, accept: string | undefined): boolean {
  if (query.format !== undefined) return query.format === 'csv';
  const types = (accept ?? '').toLowerCase();
  return types.includes('text/csv') && !types.includes('application/json');
}
