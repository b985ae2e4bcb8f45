import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import type { StockDetail, StockPage, Top10Response } from '../contract/index.js';
import { dataSourceView } from '../data/data-source.js';
import { ScoringRunner } from '../scoring/scoring-runner.js';
import { StockResponses } from './stock-responses.js';
import { stockSummary } from './stock-views.js';
import { type ListStocksQuery, listStocksQuerySchema, symbolParamSchema } from './stocks.schemas.js';

/** Public market endpoints: the growth ranking and per-stock detail. */
@ApiTags('stocks')
@Controller('api')
export class StocksController {
  constructor(
    private readonly scoring: ScoringRunner,
    private readonly responses: StockResponses,
  ) {}

  @Get('wachstumsprognose/top10')
  @ApiOperation({ summary: 'The ten stocks with the highest growth score' })
  async top10(): Promise<Top10Response> {
    return this.responses.top10(await this.scoring.latestRun());
  }

  @Get('stocks')
  @ApiOperation({ summary: 'The scored universe, paged; filter by sector, sort by any factor' })
  // Parameters, bodies and answers of every operation are documented from src/contract.
  async list(
    @Query(new ZodValidationPipe(listStocksQuerySchema, 'query')) query: ListStocksQuery,
  ): Promise<StockPage> {
    const run = await this.scoring.latestRun();
    let items = run.results;
    if (query.sector) {
      const sectors = new Set(query.sector);
      items = items.filter((r) => sectors.has(r.sector.toLowerCase()));
    }
    const descending = query.sort.startsWith('-');
    const field = query.sort.replace(/^-/, '');
    const key = (r: (typeof items)[number]): number | string =>
      field === 'rank'
        ? r.rank
        : field === 'score'
          ? r.score
          : field === 'symbol'
            ? r.symbol
            : r.factors[field as keyof typeof r.factors];
    items = [...items].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const order = ka < kb ? -1 : ka > kb ? 1 : a.rank - b.rank;
      return descending ? -order : order;
    });
    const start = (query.page - 1) * query.page_size;
    return {
      items: items.slice(start, start + query.page_size).map(stockSummary),
      page: query.page,
      page_size: query.page_size,
      total: items.length,
      sectors: [...new Set(run.results.map((r) => r.sector))].sort(),
      as_of: run.asOf,
      data_source: dataSourceView(run.source),
    };
  }

  @Get('stocks/:symbol')
  @ApiOperation({ summary: 'Score, factor drill-down, indicators and recent history of one stock' })
  async detail(
    @Param('symbol', new ZodValidationPipe(symbolParamSchema, 'symbol')) symbol: string,
  ): Promise<StockDetail> {
    return this.responses.detail(await this.scoring.latestRun(), symbol);
  }
}
