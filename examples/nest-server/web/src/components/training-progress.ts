/** How far the forecast models' training is (`progress` of a prediction whose status is `training`). */
export interface TrainingProgress {
  stage: string;
  done: number;
  total: number;
  /** Of the stage, 0–100. */
  percent: number;
  /** Seconds left in the stage; `null` before its first unit is done. */
  eta_seconds: number | null;
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The training progress of a prediction as the API serves it, or `null` when the prediction is not
 * training or has not reported yet (a stored model still loading). Read defensively: the page must
 * not break on a server one version apart.
 */
export function readTrainingProgress(prediction: unknown): TrainingProgress | null {
  if (prediction === null || typeof prediction !== 'object') return null;
  const { status, progress } = prediction as { status?: unknown; progress?: unknown };
  if (status !== 'training' || progress === null || typeof progress !== 'object') return null;
  const p = progress as Record<string, unknown>;
  if (typeof p.stage !== 'string' || !finite(p.percent) || !finite(p.done) || !finite(p.total)) return null;
  return {
    stage: p.stage,
    done: p.done,
    total: p.total,
    percent: Math.min(100, Math.max(0, p.percent)),
    eta_seconds: finite(p.eta_seconds) && p.eta_seconds >= 0 ? p.eta_seconds : null,
  };
}

/** Seconds left as a reader wants them: `40 s`, `3 min`, `1 h 5 min`. */
export function formatEta(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The stages of the ensemble's fit (`TRAINING_STAGES` of the contract) in words. */
const STAGE_TEXT: Record<string, string> = {
  dataset: 'building the dataset',
  training: 'fitting the models',
  'custom models': 'fitting custom models',
  evaluation: 'evaluating',
  'final fit': 'final fit',
};

/** `Training: fitting the models 42% (9 of 20, ETA 3 min)`. An unknown stage is shown as named. */
export function trainingText(progress: TrainingProgress): string {
  const stage = STAGE_TEXT[progress.stage] ?? progress.stage;
  const details = [
    progress.total > 0 ? `${progress.done} of ${progress.total}` : null,
    progress.eta_seconds !== null ? `ETA ${formatEta(progress.eta_seconds)}` : null,
  ].filter((d) => d !== null);
  const percent = Math.floor(progress.percent);
  return `Training: ${stage} ${percent}%${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}
