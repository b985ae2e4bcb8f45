import { type BarSeries, bollingerBands, macd, rsi, sma } from '@da-ki/sdk';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { dataSourceView } from '../data/data-source.js';
import { PredictionService } from '../forecasts/prediction.service.js';
import { AnalysisService } from './analysis.service.js';
import { PriceHistoryService } from './price-history.service.js';
import { stockSummary } from './stock-views.js';
import { type ListStocksQuery, listStocksQuerySchema, symbolParamSchema } from './stocks.schemas.js';

/** Public market endpoints: the growth ranking and per-stock detail. */
@ApiTags('stocks')
@Controller('api')
export class StocksController {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly history: PriceHistoryService,
    private readonly forecasts: PredictionService,
  ) {}

  // Indicators and recent history change only with the bars: computed once per symbol and last bar.
  private readonly marketViews = new Map<string, ReturnType<typeof marketView>>();

  private marketView(bars: BarSeries): ReturnType<typeof marketView> {
    const last = bars.close.length - 1;
    const key = `${bars.symbol}:${bars.timestamps[last]}:${bars.close[last]}`;
    let view = this.marketViews.get(key);
    if (!view) {
      if (this.marketViews.size >= 5_000) this.marketViews.clear();
      view = marketView(bars);
      this.marketViews.set(key, view);
    }
    return view;
  }

  @Get('wachstumsprognose/top10')
  @ApiOperation({ summary: 'The ten stocks with the highest growth score' })
  async top10() {
    const run = await this.analysis.latestRun();
    return {
      top_10_wachstums_aktien: run.results.slice(0, 10).map((r) => ({
        ...stockSummary(r),
        prediction: this.forecasts.view(r.symbol),
      })),
      generated_at: run.createdAt.toISOString(),
      valid_until: run.validUntil.toISOString(),
      model_version: run.modelVersion,
      universe_size: run.results.length,
      as_of: run.asOf,
      data_source: dataSourceView(run.source),
    };
  }

  @Get('stocks')
  @ApiOperation({ summary: 'The scored universe, paged; filter by sector, sort by any factor' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'page_size', required: false, type: Number })
  @ApiQuery({ name: 'sector', required: false, type: String })
  @ApiQuery({
    name: 'sort',
    required: false,
    type: String,
    description: 'rank, score, symbol or a factor; prefix - for descending',
  })
  async list(@Query(new ZodValidationPipe(listStocksQuerySchema, 'query')) query: ListStocksQuery) {
    const run = await this.analysis.latestRun();
    let items = run.results;
    if (query.sector) {
      const sector = query.sector.toLowerCase();
      items = items.filter((r) => r.sector.toLowerCase() === sector);
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
  async detail(@Param('symbol', new ZodValidationPipe(symbolParamSchema, 'symbol')) symbol: string) {
    const run = await this.analysis.latestRun();
    const scored = run.bySymbol.get(symbol);
    if (!scored) throw new NotFoundException(`Unknown symbol ${symbol}`);
    const bars = await this.analysis.bars(symbol);
    const { indicators, history } = this.marketView(bars);
    await this.history.store(bars);
    return {
      ...stockSummary(scored),
      grades: scored.grades,
      details: scored.details,
      risk: scored.risk,
      confidence: scored.confidence,
      indicators,
      prediction: this.forecasts.view(symbol),
      history,
      generated_at: run.createdAt.toISOString(),
      as_of: run.asOf,
      data_source: dataSourceView(run.source),
    };
  }
}

/** Latest indicator values and the last 120 bars of a series, for the stock detail. */
function marketView(bars: BarSeries) {
  const close = bars.close;
  const last = close.length - 1;
  const m = macd(close);
  const bb = bollingerBands(close);
  const indicators = {
    rsi_14: finiteOrNull(rsi(close, 14)[last]),
    macd: finiteOrNull(m.macd[last]),
    macd_signal: finiteOrNull(m.signal[last]),
    macd_histogram: finiteOrNull(m.histogram[last]),
    bollinger_upper: finiteOrNull(bb.upper[last]),
    bollinger_middle: finiteOrNull(bb.middle[last]),
    bollinger_lower: finiteOrNull(bb.lower[last]),
    sma_20: finiteOrNull(sma(close, 20)[last]),
    sma_50: finiteOrNull(sma(close, 50)[last]),
    sma_200: finiteOrNull(sma(close, 200)[last]),
  };
  const history = [];
  for (let i = Math.max(0, last - 119); i <= last; i++) {
    history.push({
      date: new Date(bars.timestamps[i] as number).toISOString().slice(0, 10),
      open: bars.open[i],
      high: bars.high[i],
      low: bars.low[i],
      close: bars.close[i],
      volume: bars.volume[i],
    });
  }
  return { indicators, history };
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
