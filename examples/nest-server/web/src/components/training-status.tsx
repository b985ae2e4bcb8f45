import { useEffect, useState } from 'preact/hooks';
import { readTrainingProgress, trainingText } from './training-progress.js';

/** How often a page showing training progress asks again (training takes minutes). */
const POLL_MS = 5_000;

/**
 * "Training: <stage> <percent>% (ETA …)" for a prediction whose models are training, refreshed by
 * asking `load` for the latest prediction every few seconds while it trains; `onDone` runs once the
 * status changes (the forecast is ready or failed), so the page can reload what it shows. Renders
 * nothing for a prediction that is not training.
 */
export function TrainingStatus({
  prediction,
  load,
  onDone,
}: {
  prediction: unknown;
  load: () => Promise<unknown>;
  onDone: () => void;
}) {
  const [latest, setLatest] = useState(prediction);
  useEffect(() => setLatest(prediction), [prediction]);
  const training = (latest as { status?: unknown } | null)?.status === 'training';

  useEffect(() => {
    if (!training) return;
    let current = true;
    const timer = setInterval(() => {
      load().then(
        (next) => {
          if (!current) return;
          setLatest(next);
          if ((next as { status?: unknown } | null)?.status !== 'training') onDone();
        },
        // A failed poll changes nothing on screen: the next one may answer.
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [training]);

  if (!training) return null;
  const progress = readTrainingProgress(latest);
  return (
    <p class="muted training-status" role="status" data-testid="training-status">
      {progress ? trainingText(progress) : 'Training: starting…'}
    </p>
  );
}
