import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { runTrainingTask, type TrainingTask } from './tasks.js';

/** A message from the pool: run this task. */
export interface WorkerRequest {
  seq: number;
  task: TrainingTask;
}

/** A message to the pool. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; seq: number; result: Awaited<ReturnType<typeof runTrainingTask>> }
  | { type: 'failed'; seq: number; error: { name: string; message: string } };

/**
 * Serves training tasks on this worker thread's `parentPort`. Called by the pool's bootstrap
 * script in each worker; exported from the package so that a bundled build can reach it.
 * @internal
 */
export function runTrainingWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runTrainingWorker() must run in a worker thread');
  port.on('message', async ({ seq, task }: WorkerRequest) => {
    try {
      const result = await runTrainingTask(task);
      port.postMessage({ type: 'done', seq, result } satisfies WorkerReply);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        type: 'failed',
        seq,
        error: { name: e.name, message: e.message },
      } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

/** URL of the module that exports {@link runTrainingWorker} (this file, or the bundle it is in). */
export function trainingWorkerModuleUrl(): string | undefined {
  // In the CJS build import.meta is empty; the bundle's own file then comes from __filename.
  const url = (import.meta as { url?: string }).url;
  if (url) return url;
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : undefined;
}
