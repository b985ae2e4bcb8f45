import { dataStatus } from '../data-status.js';
import { routeHref } from '../router.js';
import { useStore } from '../store.js';

/**
 * The header's statement of what the scores are computed from: provider, folder, as-of date, and how
 * many symbols were left out (a link to the data view, which says why).
 */
export function DataSourceBadge() {
  const state = useStore(dataStatus);
  if (state === null) return null;
  if ('error' in state) {
    return (
      <a class="data-source data-source-error" href={routeHref({ view: 'data' })} data-testid="data-source">
        Data status unavailable
      </a>
    );
  }
  const { report } = state;
  const source = report.data_source;
  const excluded = report.summary.excluded;
  return (
    <a
      class="data-source"
      href={routeHref({ view: 'data' })}
      data-testid="data-source"
      title={source.fingerprint ? `fingerprint ${source.fingerprint}` : undefined}
    >
      <span data-testid="data-provider">{source.provider}</span>
      {source.dir && <span class="wide-only"> {source.dir}</span>} · as of{' '}
      <time data-testid="as-of" dateTime={report.asOf}>
        {report.asOf}
      </time>
      {excluded > 0 && (
        <span class="badge badge-warning" data-testid="excluded-count">
          {excluded} excluded
        </span>
      )}
    </a>
  );
}
