import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ModelRecord, TrackRecordResponse } from '../../../src/contract/track-record.js';
import { api } from '../api/client.js';
import { CoveragePlot, PredictedRealisedPlot, ReturnBarsPlot } from '../components/track-record-charts.js';
import { formatSignedPercent } from '../format.js';
import { navigate, routeHref } from '../router.js';
import {
  coverageOverTime,
  DEFAULT_MODEL,
  formatStat,
  horizonOptions,
  MODEL_STAT_LABELS,
  MODEL_STATS,
  type ModelStat,
  modelOptions,
  predictedRealised,
  scoreBars,
  selectedRecord,
} from '../track-record-data.js';
import { barsLayout, coverageLayout, scatterLayout } from '../track-record-plots.js';
import type { TrackRecordSelection } from '../track-record-route.js';
import '../components/track-record.css';

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; record: TrackRecordResponse };

// Model names and horizons seen in any answer this visit: the selectors keep offering them when the
// server answers for one model only.
const seenModels = new Set<string>();
const seenHorizons = new Set<number>();

/** `#/track-record?model=…&horizon=…`: every forecast and score judged against what happened. */
export function TrackRecordView({ model, horizon }: TrackRecordSelection) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    api.trackRecord({ model, horizon }).then(
      (record) => {
        for (const m of record.models) {
          seenModels.add(m.model);
          seenHorizons.add(m.horizon_days);
        }
        if (current) setLoaded({ state: 'ready', record });
      },
      (e: Error) => current && setLoaded({ state: 'error', message: e.message }),
    );
    return () => {
      current = false;
    };
  }, [model, horizon]);

  const record = loaded.state === 'ready' ? loaded.record : null;
  const shown = record ? selectedRecord(record, model) : undefined;
  return (
    <>
      <section class="panel track-record-head">
        <h1>Track record</h1>
        <p class="muted">
          Every forecast the server served, and every score, judged against what happened once the horizon
          passed — beside a naive forecast (the price stays where it was) on the same rows.
        </p>
        <Selectors model={model} horizon={horizon} />
        {record && <RecordMeta record={record} />}
      </section>
      {loaded.state === 'loading' ? (
        <p class="panel muted" role="status">
          Loading the track record…
        </p>
      ) : loaded.state === 'error' ? (
        <p class="panel error" role="alert">
          Could not load the track record: {loaded.message}
        </p>
      ) : (
        <>
          <ModelTable record={loaded.record} selected={shown} horizon={horizon} />
          <ForecastPlots record={loaded.record} shown={shown} />
          <ScoreSection score={loaded.record.score} />
        </>
      )}
    </>
  );
}

function Selectors({ model, horizon }: TrackRecordSelection) {
  const models = modelOptions(seenModels, model);
  const horizons = horizonOptions(seenHorizons, horizon);
  return (
    <form class="track-record-select" onSubmit={(e) => e.preventDefault()}>
      <label>
        Model{' '}
        <select
          value={model ?? ''}
          onChange={(e) => {
            const next = e.currentTarget.value;
            navigate({ view: 'track-record', model: next === '' ? null : next, horizon });
          }}
        >
          <option value="">All models (plots: {DEFAULT_MODEL})</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label>
        Horizon{' '}
        <select
          value={horizon === null ? '' : String(horizon)}
          onChange={(e) => {
            const next = e.currentTarget.value;
            navigate({ view: 'track-record', model, horizon: next === '' ? null : Number(next) });
          }}
        >
          <option value="">All horizons</option>
          {horizons.map((h) => (
            <option key={h} value={String(h)}>
              {h} trading {h === 1 ? 'day' : 'days'}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

function RecordMeta({ record }: { record: TrackRecordResponse }) {
  return (
    <p class="muted small" data-testid="track-record-meta">
      Judged against data up to {record.as_of ?? '–'}
      {record.from || record.to ? ` · origins ${record.from ?? '…'} to ${record.to ?? '…'}` : ''} ·{' '}
      <strong data-testid="track-record-pending">{record.pending}</strong>{' '}
      {record.pending === 1 ? 'forecast' : 'forecasts'} pending (horizon not passed yet)
    </p>
  );
}

function ModelTable({
  record,
  selected,
  horizon,
}: {
  record: TrackRecordResponse;
  /** The row the plots show. */
  selected: ModelRecord | undefined;
  horizon: number | null;
}) {
  if (record.models.length === 0)
    return (
      <section class="panel">
        <h2>Forecasts</h2>
        <p class="muted" data-testid="track-record-empty">
          No forecasts recorded for this selection yet. Forecasts are judged once their horizon has passed on
          the data; a replay (<code>REPLAY_MONTHS</code>) fills the record from the past at once.
        </p>
      </section>
    );
  return (
    <section class="panel">
      <h2>Forecasts</h2>
      <div class="table-scroll">
        <table class="data-table track-record-table" data-testid="track-record-models">
          <caption class="visually-hidden">
            Forecast statistics per model, each followed by the naive random-walk forecast on the same rows
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" class="num">
                Horizon
              </th>
              {MODEL_STATS.map((stat) => (
                <th key={stat} scope="col" class="num" title={MODEL_STAT_LABELS[stat][1]}>
                  {MODEL_STAT_LABELS[stat][0]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {record.models.map((m) => (
              <ModelRows
                key={`${m.model}-${m.horizon_days}`}
                record={m}
                selected={m === selected}
                horizon={horizon}
              />
            ))}
          </tbody>
        </table>
      </div>
      <details class="track-record-terms">
        <summary>What the columns mean</summary>
        <dl class="small">
          {MODEL_STATS.map((stat) => (
            <div key={stat}>
              <dt>{MODEL_STAT_LABELS[stat][0]}</dt>
              <dd>{MODEL_STAT_LABELS[stat][1]}</dd>
            </div>
          ))}
        </dl>
        <p class="muted small">
          Coverage is against the interval's nominal level (in brackets). IC needs at least five stocks on an
          origin date. The random walk predicts that the price stays where it was, so it calls no direction.
        </p>
      </details>
    </section>
  );
}

/** A model's row, then its random-walk baseline's row (statistics it has no value for show `–`). */
function ModelRows({
  record,
  selected,
  horizon,
}: {
  record: ModelRecord;
  selected: boolean;
  horizon: number | null;
}) {
  const baseline = record.baselines.random_walk;
  const baselineValue = (stat: ModelStat): number | null =>
    stat === 'count' || stat === 'hit_rate' || stat === 'rmse' || stat === 'mape' || stat === 'mean_accuracy'
      ? baseline[stat]
      : null;
  return (
    <>
      <tr
        data-model={record.model}
        data-horizon={record.horizon_days}
        class={selected ? 'selected' : undefined}
      >
        <th scope="row">
          <a
            href={routeHref({ view: 'track-record', model: record.model, horizon })}
            aria-current={selected ? 'true' : undefined}
          >
            {record.model}
          </a>
        </th>
        <td class="num">{record.horizon_days}</td>
        {MODEL_STATS.map((stat) => (
          <td key={stat} class="num" data-stat={stat}>
            {formatStat(stat, record[stat])}
            {stat === 'coverage' && record.interval_level !== null && (
              <span class="muted"> ({Math.round(record.interval_level * 100)} %)</span>
            )}
          </td>
        ))}
      </tr>
      <tr data-baseline={record.model} data-horizon={record.horizon_days} class="baseline">
        <th scope="row">
          <span class="visually-hidden">{record.model}: </span>random walk
        </th>
        <td class="num">{record.horizon_days}</td>
        {MODEL_STATS.map((stat) => (
          <td key={stat} class="num" data-stat={stat}>
            {formatStat(stat, baselineValue(stat))}
          </td>
        ))}
      </tr>
    </>
  );
}

function ForecastPlots({ record, shown }: { record: TrackRecordResponse; shown: ModelRecord | undefined }) {
  const model = shown?.model ?? DEFAULT_MODEL;
  const horizon = shown?.horizon_days ?? null;
  const points = useMemo(() => predictedRealised(record, model, horizon), [record, model, horizon]);
  const scatter = useMemo(() => scatterLayout(points), [points]);
  const periods = useMemo(() => coverageOverTime(record, model), [record, model]);
  const coverage = useMemo(() => coverageLayout(periods, shown?.interval_level ?? null), [periods, shown]);
  const outside = points.filter((p) => p.inside === false).length;
  return (
    <div class="two-columns">
      <section class="panel">
        <h2>Predicted against realised</h2>
        {scatter ? (
          <>
            <PredictedRealisedPlot
              layout={scatter}
              description={`${points.length} forecasts of ${model}: predicted return across, realised return up; the diagonal is a perfect forecast. ${outside} realised outside their interval.`}
            />
            <p class="muted small" data-testid="scatter-caption">
              {points.length} judged forecasts of {model}
              {shown ? ` at ${shown.horizon_days} trading days` : ''}
              {record.points_total > record.points.length
                ? ` (the answer samples the newest ${record.points.length} of ${record.points_total} across models)`
                : ''}
              .<span class="legend-dot" /> inside the interval <span class="legend-dot legend-outside" />{' '}
              outside.
            </p>
          </>
        ) : (
          <p class="muted">No evaluated forecasts of {model} to plot yet.</p>
        )}
      </section>
      <section class="panel">
        <h2>Coverage over time</h2>
        {coverage ? (
          <>
            <CoveragePlot
              layout={coverage}
              description={`Share of ${model}'s realised prices inside the prediction interval per month, ${periods.length} months${shown?.interval_level ? `, against the nominal ${Math.round(shown.interval_level * 100)} %` : ''}.`}
            />
            <details>
              <summary>Coverage per month as a table</summary>
              <table class="data-table" data-testid="coverage-table">
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" class="num">
                      Forecasts
                    </th>
                    <th scope="col" class="num">
                      Coverage
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {periods.map((p) => (
                    <tr key={p.period}>
                      <td>{p.period}</td>
                      <td class="num">{p.count}</td>
                      <td class="num">{formatStat('coverage', p.coverage)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <p class="muted">No forecasts with an interval judged yet.</p>
        )}
      </section>
    </div>
  );
}

function ScoreSection({ score }: { score: TrackRecordResponse['score'] }) {
  const bars = useMemo(() => scoreBars(score), [score]);
  const layout = useMemo(() => barsLayout(bars), [bars]);
  return (
    <section class="panel">
      <h2>The score's record</h2>
      <p class="muted">
        Mean return over the {score.horizon_days} trading days after each run, by score decile (10 holds the
        highest scores), of the run's top 10 and of the whole universe · {score.dates} run{' '}
        {score.dates === 1 ? 'date' : 'dates'} judged,{' '}
        <span data-testid="score-pending">{score.pending_dates}</span> pending.
      </p>
      {layout ? (
        <div class="score-record">
          <ReturnBarsPlot
            layout={layout}
            description={bars.map((b) => `${b.name}: ${formatSignedPercent(b.value * 100)}`).join('; ')}
          />
          <div class="table-scroll">
            <table class="data-table" data-testid="score-record">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" class="num">
                    Stock-dates
                  </th>
                  <th scope="col" class="num">
                    Mean return
                  </th>
                  <th scope="col" class="num">
                    Against universe
                  </th>
                </tr>
              </thead>
              <tbody>
                {[
                  { key: 'top10', name: 'Top 10', row: score.top10 },
                  ...[...score.deciles]
                    .sort((a, b) => b.decile - a.decile)
                    .map((d) => ({ key: `decile-${d.decile}`, name: `Decile ${d.decile}`, row: d })),
                  { key: 'universe', name: 'Universe', row: score.universe },
                ].map(({ key, name, row }) => (
                  <tr key={key} data-group={key}>
                    <th scope="row">{name}</th>
                    <td class="num">{row.count}</td>
                    <td class="num">{formatReturn(row.mean_forward_return)}</td>
                    <td class="num">{formatReturn(row.excess_return)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <p class="muted">No run has reached its horizon yet.</p>
      )}
    </section>
  );
}

function formatReturn(value: number | null): string {
  return value === null ? '–' : formatSignedPercent(value * 100);
}
