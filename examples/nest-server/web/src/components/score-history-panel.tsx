import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ScoreHistoryResponse } from '../../../src/contract/track-record.js';
import { api } from '../api/client.js';
import { formatMoney, formatScore } from '../format.js';
import { useLiveEvent } from '../live.js';
import { scoreHistorySeries } from '../score-history.js';
import { GradeBadge } from './badges.js';
import { lazyView } from './lazy-view.js';
import './score-history.css';

// The chart brings the charting library: loaded on first use, as the price chart is.
const ScoreHistoryChart = lazyView(() => import('./score-history-chart.js').then((m) => m.ScoreHistoryChart));

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; history: ScoreHistoryResponse };

/**
 * "Score over time" on the stock page: the score and grade of every kept run beside the price it
 * scored, as a chart and (for screen readers and keyboard users, or to read exact values) a table.
 * Reloads when the server scores the stock again.
 */
export function ScoreHistoryPanel({ symbol }: { symbol: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [revision, setRevision] = useState(0);

  useEffect(() => setLoaded({ state: 'loading' }), [symbol]);
  useEffect(() => {
    let current = true;
    api.scoreHistory(symbol).then(
      (history) => current && setLoaded({ state: 'ready', history }),
      (e: Error) => current && setLoaded({ state: 'error', message: e.message }),
    );
    return () => {
      current = false;
    };
  }, [symbol, revision]);

  useLiveEvent('score:update', (update) => {
    if (update.symbol === symbol) setRevision((r) => r + 1);
  });

  const points = loaded.state === 'ready' ? loaded.history.points : null;
  const series = useMemo(() => (points ? scoreHistorySeries(points) : null), [points]);

  return (
    <section class="panel score-history" data-testid="score-history" aria-labelledby="score-history-title">
      <h2 id="score-history-title">Score over time</h2>
      {loaded.state === 'loading' ? (
        <p class="muted">Loading the score history…</p>
      ) : loaded.state === 'error' ? (
        <p class="error" role="alert">
          Could not load the score history: {loaded.message}
        </p>
      ) : !series || series.runs === 0 ? (
        <p class="muted" data-testid="score-history-empty">
          No score history yet: the server keeps every scoring run, and this chart fills as runs are stored
          (or at once with a replay, <code>REPLAY_MONTHS</code>).
        </p>
      ) : (
        <>
          <p class="muted small">
            {series.runs} {series.runs === 1 ? 'run' : 'runs'}
            {series.replayed > 0 && `, ${series.replayed} replayed from the data known on their dates`}.
          </p>
          <ScoreHistoryChart series={series} />
          <details class="history-runs">
            <summary>Every run as a table</summary>
            <div class="table-scroll">
              <table class="data-table" data-testid="score-history-runs">
                <caption class="visually-hidden">Score, grade, rank and price of {symbol} per run</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col" class="num">
                      Score
                    </th>
                    <th scope="col">Grade</th>
                    <th scope="col" class="num">
                      Rank
                    </th>
                    <th scope="col" class="num">
                      Price
                    </th>
                    <th scope="col">Kind</th>
                  </tr>
                </thead>
                <tbody>
                  {(points ?? []).map((p) => (
                    <tr key={p.run_id} data-run-id={p.run_id}>
                      <td>{p.date}</td>
                      <td class="num">{formatScore(p.score)}</td>
                      <td>
                        <GradeBadge grade={p.grade} />
                      </td>
                      <td class="num">{p.rank}</td>
                      <td class="num">{formatMoney(p.price)}</td>
                      <td>{p.replayed ? 'replayed' : 'live'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
