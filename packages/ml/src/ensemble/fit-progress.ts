import type { TrainingProgress } from '../training/pool.js';
import type { EnsembleProgress, EnsembleStage } from './ensemble-types.js';

/** Turns the stages of `fit` and the pool's task events into {@link EnsembleProgress} events. */
export class FitProgress {
  private readonly started = performance.now();
  private stage: EnsembleStage = 'dataset';
  private stageStarted = this.started;
  private mode: TrainingProgress['mode'];

  constructor(
    private readonly listener: ((progress: EnsembleProgress) => void) | undefined,
    workers: number | undefined,
  ) {
    this.mode = workers === 0 ? 'in-process' : 'workers';
  }

  /** A stage begins, with `total` units of work. */
  enter(stage: EnsembleStage, total: number): void {
    this.stage = stage;
    this.stageStarted = performance.now();
    this.step(0, total);
  }

  /** `done` of `total` units of the current stage are finished. */
  step(done: number, total: number): void {
    if (!this.listener) return;
    const inStage = (performance.now() - this.stageStarted) / 1000;
    this.listener({
      stage: this.stage,
      done,
      total,
      etaSeconds: this.eta(done, total, inStage),
      elapsedSeconds: (performance.now() - this.started) / 1000,
      completed: done,
      task: this.stage,
      seconds: inStage,
      mode: this.mode,
    });
  }

  /** Forwards a finished training task (the pool's own event, with the stage fields added). */
  task(progress: TrainingProgress): void {
    this.mode = progress.mode;
    if (!this.listener) return;
    const inStage = (performance.now() - this.stageStarted) / 1000;
    this.listener({
      ...progress,
      stage: 'training',
      done: progress.completed,
      etaSeconds: this.eta(progress.completed, progress.total, inStage),
      elapsedSeconds: (performance.now() - this.started) / 1000,
    });
  }

  private eta(done: number, total: number, inStage: number): number | null {
    if (done >= total) return 0;
    return done === 0 ? null : (inStage / done) * (total - done);
  }
}
