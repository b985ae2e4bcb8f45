// Types only: @da-ki/ml (XGBoost's WASM, the LSTM) is loaded when a forecast runs, so that
// `da-ki rank` and the others do not pay for it at start-up.
import type {
  BuiltInModelSpec,
  ModelMetrics,
  Prediction,
  StockPredictionEnsembleOptions,
  ValidationSummary,
  WalkForwardReport,
} from '@da-ki/ml';
import type { BarSeries } from '@da-ki/sdk';
import type { CommandSpec, ParsedArgs } from '../args.js';
import { CliFailure, CliUsageError, EXIT_CODES } from '../errors.js';
import { folderOptions, openFolder } from '../folder.js';
import { toCsv } from '../format/csv.js';
import { fixed, isoDate, percent, round, signedPercent } from '../format/numbers.js';
import { renderTable } from '../format/table.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../output.js';
import { createProgress } from '../progress.js';
import { choiceFlag, integerFlag, listFlag } from '../values.js';

/** Models `--models` accepts. */
export const FORECAST_MODELS = ['xgboost', 'random-forest', 'lstm', 'arima', 'prophet'] as const;
type ForecastModel = (typeof FORECAST_MODELS)[number];

/** The fast set (as the server's `fast` mode): training in seconds for a few hundred symbols. */
const DEFAULT_MODELS: readonly ForecastModel[] = ['xgboost', 'arima'];

export const forecastSpec: CommandSpec = {
  name: 'forecast',
  brief: 'Forecast prices with the ML ensemble, validated walk-forward.',
  summary:
    "Trains @da-ki/ml's stacked ensemble on every scorable symbol of the folder (pooled models learn\n" +
    'across symbols), validates it walk-forward, and prints the forecast of each symbol: price at the\n' +
    'horizon, expected return, prediction interval. A symbol that cannot be forecast is listed with\n' +
    'the reason; the others go on.',
  positionals: [{ name: 'dir', description: 'The data folder (see docs/data.md).' }],
  flags: {
    symbols: {
      type: 'string',
      value: 'A,B,...',
      description: 'Print only these symbols.',
      defaultText: 'all',
    },
    horizon: {
      type: 'string',
      value: 'N',
      description: 'Forecast horizon in trading days.',
      defaultText: '30',
    },
    models: {
      type: 'string',
      value: FORECAST_MODELS.join(','),
      description: 'Base models of the ensemble (random-forest and lstm train for minutes).',
      defaultText: DEFAULT_MODELS.join(','),
    },
    'as-of': {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'Forecast from what was known on this date.',
      defaultText: 'latest date in the folder',
    },
    'include-stale': { type: 'boolean', description: 'Forecast stale series too.' },
    format: { type: 'string', value: 'table|json|csv', description: 'Output format.', defaultText: 'table' },
    out: { type: 'string', value: 'FILE', description: 'Write the result to FILE instead of stdout.' },
  },
  examples: [
    'da-ki forecast examples/data',
    'da-ki forecast my-data --symbols AAPL,MSFT --horizon 20 --format json',
  ],
};

/** How the forecasts were validated: the ensemble's walk-forward summary and its headline metrics. */
export interface ForecastValidation extends ValidationSummary {
  /** Out-of-fold RMSE of the log return: the ensemble and the zero-return baseline. */
  rmse: { ensemble: number | null; zeroReturn: number | null };
  /** Share of rows with the right direction, ensemble. */
  directionalAccuracy: number | null;
}

/** One forecast in `da-ki forecast --format json`. */
export interface ForecastEntry {
  symbol: string;
  /** Date of the last close the forecast starts from. */
  asOf: string;
  currentPrice: number;
  predictedPrice: number;
  /** Simple return to the horizon (fraction). */
  expectedReturn: number;
  interval: { lower: number; upper: number; level: number };
  /** Probability that the price moves in the predicted direction. */
  directionProbability: number;
  contributions: Record<string, number>;
}

/** The document `da-ki forecast --format json` prints. */
export interface ForecastDocument {
  asOf: string;
  horizon: number;
  models: string[];
  modelVersion: string | null;
  validation: ForecastValidation | null;
  forecasts: ForecastEntry[];
  failed: { symbol: string; reason: string }[];
}

/** `da-ki forecast <dir>`: the ensemble's forecasts. */
export async function runForecast(io: CliIo, args: ParsedArgs): Promise<number> {
  const dir = args.positionals[0] as string;
  const format = choiceFlag('format', args.values.format, ['table', 'json', 'csv'] as const, 'table');
  const horizon = integerFlag('horizon', args.values.horizon, { min: 1, max: 250 }) ?? 30;
  const wanted = listFlag('symbols', args.values.symbols);
  const models = modelsFlag(args.values.models);
  const source = folderOptions(args);
  const folder = await openFolder(io, source);
  const failed: ForecastDocument['failed'] = [];
  const listed = (await folder.provider.listSymbols()).map((info) => info.symbol);
  const excluded = new Map(
    folder.report.symbols.filter((s) => s.status === 'excluded').map((s) => [s.symbol, s]),
  );
  for (const symbol of wanted ?? []) {
    if (listed.includes(symbol)) continue;
    const report = excluded.get(symbol);
    const reason = report
      ? `excluded: ${report.issues.map((i) => i.message).join('; ')}`
      : 'not in the folder';
    failed.push({ symbol, reason });
  }

  // Train on the whole scorable universe; a symbol whose bars cannot be read is a failure, not a crash.
  const inputs: { bars: BarSeries }[] = [];
  for (const symbol of listed) {
    try {
      inputs.push({ bars: await folder.provider.getBars(symbol) });
    } catch (error) {
      if (!wanted || wanted.includes(symbol)) failed.push({ symbol, reason: (error as Error).message });
    }
  }
  // Series too short to forecast are listed with the bars they have, and left out of training.
  const { MIN_FORECAST_BARS, partitionByHistory } = await import('@da-ki/ml');
  const { usable, tooShort } = partitionByHistory(inputs);
  for (const short of tooShort) {
    if (!wanted || wanted.includes(short.symbol)) {
      failed.push({
        symbol: short.symbol,
        reason: `needs at least ${MIN_FORECAST_BARS} bars, has ${short.bars}`,
      });
    }
  }
  const selected = new Set((wanted ?? listed).filter((s) => usable.some((input) => input.bars.symbol === s)));
  let doc: ForecastDocument = {
    asOf: folder.report.asOf,
    horizon,
    models: [...models],
    modelVersion: null,
    validation: null,
    forecasts: [],
    failed,
  };
  if (usable.length > 0 && selected.size > 0) {
    doc = await trainAndPredict(io, doc, usable, selected, models);
  }
  doc.failed.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  const text =
    format === 'json'
      ? `${JSON.stringify(doc, null, 2)}\n`
      : format === 'csv'
        ? forecastCsv(doc)
        : forecastTable(dir, doc);
  await writeResult(io, text, args.values.out as string | undefined);
  if (format !== 'table')
    for (const f of doc.failed) io.stderr.write(`no forecast for ${f.symbol}: ${f.reason}\n`);
  if (doc.forecasts.length === 0) throw new CliFailure(`no symbol of ${dir} could be forecast`);
  return EXIT_CODES.ok;
}

async function trainAndPredict(
  io: CliIo,
  doc: ForecastDocument,
  inputs: { bars: BarSeries }[],
  selected: Set<string>,
  models: readonly ForecastModel[],
): Promise<ForecastDocument> {
  const { StockPredictionEnsemble } = await import('@da-ki/ml');
  const progress = createProgress(io, `training ${models.join('+')} on ${inputs.length} symbols`);
  const ensemble = new StockPredictionEnsemble({
    ...ensembleOptions(models),
    horizon: doc.horizon,
    onProgress: (p) => progress.update(p.completed, p.total, p.task),
  });
  let report: WalkForwardReport;
  try {
    report = await ensemble.fit(inputs);
  } catch (error) {
    progress.done('failed');
    const reason = `training failed: ${(error as Error).message}`;
    return { ...doc, failed: [...doc.failed, ...[...selected].map((symbol) => ({ symbol, reason }))] };
  }
  progress.done(report.mode === 'workers' ? 'trained on worker threads' : 'trained in this thread');
  const chosen = inputs.filter((input) => selected.has(input.bars.symbol));
  const predictions = await ensemble.predict(chosen);
  const bySymbol = new Map(predictions.map((p) => [p.symbol, p]));
  const failed = [...doc.failed];
  for (const input of chosen) {
    if (!bySymbol.has(input.bars.symbol)) {
      failed.push({
        symbol: input.bars.symbol,
        reason: `has ${input.bars.close.length} bars, too few for a complete feature row (indicator warm-up)`,
      });
    }
  }
  return {
    ...doc,
    modelVersion: ensemble.modelVersion,
    validation: validationOf(ensemble.validation, report),
    forecasts: predictions.map(forecastEntry).sort((a, b) => b.expectedReturn - a.expectedReturn),
    failed,
  };
}

/** Ensemble options of a model list: XGBoost as the server's fast mode, ARIMA on or off. */
function ensembleOptions(models: readonly ForecastModel[]): StockPredictionEnsembleOptions {
  const specs: BuiltInModelSpec[] = [];
  for (const model of models) {
    if (model === 'xgboost') specs.push({ kind: 'xgboost', options: { rounds: 80, maxDepth: 4 } });
    if (model === 'random-forest') specs.push({ kind: 'randomForest' });
    if (model === 'lstm') specs.push({ kind: 'lstm' });
  }
  // No `validation` option: the ensemble derives a shorter walk-forward plan for short histories.
  return {
    models: specs,
    arima: models.includes('arima') ? { maxP: 1, maxQ: 1, maxD: 1 } : false,
    prophet: models.includes('prophet') ? {} : false,
  };
}

function modelsFlag(text: string | boolean | undefined): readonly ForecastModel[] {
  const list = listFlag('models', text);
  if (!list) return DEFAULT_MODELS;
  for (const model of list) {
    if (!(FORECAST_MODELS as readonly string[]).includes(model)) {
      throw new CliUsageError(
        `--models has an unknown model ${JSON.stringify(model)}; expected a list of ${FORECAST_MODELS.join(', ')}`,
        '--models',
      );
    }
  }
  return [...new Set(list)] as ForecastModel[];
}

/** The ensemble's walk-forward summary with the out-of-fold RMSE against "no change". */
function validationOf(summary: ValidationSummary, report: WalkForwardReport): ForecastValidation {
  const metric = (name: string): ModelMetrics | undefined => report.metrics.find((m) => m.model === name);
  const ensemble = metric('ensemble');
  return {
    ...summary,
    rmse: { ensemble: ensemble?.rmse ?? null, zeroReturn: metric('baseline:zero')?.rmse ?? null },
    directionalAccuracy: ensemble?.directionalAccuracy ?? null,
  };
}

function forecastEntry(p: Prediction): ForecastEntry {
  return {
    symbol: p.symbol,
    asOf: isoDate(p.asOf),
    currentPrice: p.currentPrice,
    predictedPrice: round(p.predictedPrice, 4),
    expectedReturn: round(p.expectedReturn, 6),
    interval: {
      lower: round(p.interval.lower, 4),
      upper: round(p.interval.upper, 4),
      level: p.interval.level,
    },
    directionProbability: round(p.confidenceLevel, 4),
    contributions: Object.fromEntries(Object.entries(p.contributions).map(([k, v]) => [k, round(v, 6)])),
  };
}

/** The forecasts as text, with the validation and the failures. */
export function forecastTable(dir: string, doc: ForecastDocument): string {
  const lines = [
    `DA-KI forecasts of ${dir}, ${doc.horizon} trading days ahead from ${doc.asOf} (${doc.models.join(' + ')})\n`,
  ];
  const v = doc.validation;
  if (v) {
    const rmse =
      v.rmse.ensemble !== null && v.rmse.zeroReturn !== null
        ? `; out-of-fold RMSE ${fixed(v.rmse.ensemble, 4)} vs ${fixed(v.rmse.zeroReturn, 4)} for "no change"`
        : '';
    const direction =
      v.directionalAccuracy === null ? '' : `, direction right ${percent(v.directionalAccuracy, 0)}`;
    lines.push(
      `validated walk-forward: ${v.splits} splits, ${v.rowsScored} rows scored${rmse}${direction}\n`,
    );
  }
  if (doc.forecasts.length > 0) {
    lines.push(
      '\n',
      renderTable(
        ['symbol', 'last close', 'date', 'forecast', 'return', 'interval', 'P(direction)'],
        doc.forecasts.map((f) => [
          f.symbol,
          fixed(f.currentPrice, 2),
          f.asOf,
          fixed(f.predictedPrice, 2),
          signedPercent(f.expectedReturn),
          `${fixed(f.interval.lower, 2)}–${fixed(f.interval.upper, 2)} (${percent(f.interval.level, 0)})`,
          fixed(f.directionProbability, 2),
        ]),
        '.r.rrrr',
      ),
    );
  }
  if (doc.failed.length > 0) {
    lines.push(
      `\nNo forecast (${doc.failed.length}):\n`,
      ...doc.failed.map((f) => `  ${f.symbol}: ${f.reason}\n`),
    );
  }
  return lines.join('');
}

/** The forecasts as CSV (failures go to stderr). */
export function forecastCsv(doc: ForecastDocument): string {
  return toCsv(
    [
      'symbol',
      'as_of',
      'current_price',
      'predicted_price',
      'expected_return',
      'lower',
      'upper',
      'level',
      'direction_probability',
    ],
    doc.forecasts.map((f) => [
      f.symbol,
      f.asOf,
      f.currentPrice,
      f.predictedPrice,
      f.expectedReturn,
      f.interval.lower,
      f.interval.upper,
      f.interval.level,
      f.directionProbability,
    ]),
  );
}
