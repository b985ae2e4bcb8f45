/** What a track record link selects: `null` for the server's default (the ensemble, the served horizon). */
export interface TrackRecordSelection {
  model: string | null;
  horizon: number | null;
}

/** A model name as `GET /api/track-record` accepts it. */
const MODEL = /^[a-z0-9_-]{1,40}$/;

/**
 * The model and horizon of a track record link's query (`model=xgboost&horizon=5`), as the API accepts
 * them: a model name of lower-case letters, digits, `_` and `-`; a horizon of 1–365 trading days.
 * Anything else is the default, so a mistyped link still opens the page.
 */
export function trackRecordSelection(query: string): TrackRecordSelection {
  const params = new URLSearchParams(query);
  const model = params.get('model')?.trim() ?? '';
  const horizonText = params.get('horizon') ?? '';
  const horizon = /^\d{1,3}$/.test(horizonText) ? Number(horizonText) : Number.NaN;
  return {
    model: MODEL.test(model) ? model : null,
    horizon: horizon >= 1 && horizon <= 365 ? horizon : null,
  };
}

/** The query text of a selection (without `?`), empty for the defaults. */
export function trackRecordQueryText(selection: TrackRecordSelection): string {
  const params = new URLSearchParams();
  if (selection.model) params.set('model', selection.model);
  if (selection.horizon) params.set('horizon', String(selection.horizon));
  return params.toString();
}
