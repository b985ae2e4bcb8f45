import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DaKiError } from '@da-ki/sdk';
import { ModelTrainingError } from '../model/errors.js';
import { nodeRequire } from '../util/node-require.js';
import { runTrainingTask, type TrainingResult, type TrainingTask } from './tasks.js';
import { trainingWorkerModuleUrl, type WorkerReply } from './worker.js';

/** Progress of a training run, reported after every finished task. */
export interface TrainingProgress {
  /** Tasks finished so far. */
  completed: number;
  total: number;
  /** Id of the task that just finished. */
  task: string;
  /** Seconds that task took. */
  seconds: number;
  /** Where tasks run: worker threads, or this thread when workers are off or cannot start. */
  mode: 'workers' | 'in-process';
}

/** Options of {@link runTrainingTasks}. */
export interface TrainingPoolOptions {
  /** Worker threads; 0 trains in this thread. Default: the machine's available parallelism. */
  workers?: number;
  /** Called after every finished task. */
  onProgress?: (progress: TrainingProgress) => void;
}

// The worker loads the package module that exports runTrainingWorker: the built bundle in
// production, or the TypeScript source in development, which only works when tsx can be
// registered inside the worker (worker threads do not inherit the parent's TS loader).
// Dynamic imports only: the eval'd script is CommonJS or ESM depending on the parent's flags
// (`--input-type=module` is inherited), and `import()` works in both.
const BOOTSTRAP = `
(async () => {
  const { workerData, parentPort } = await import('node:worker_threads');
  try {
    if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
    (await import(workerData.entry)).runTrainingWorker();
  } catch (error) {
    parentPort.postMessage({ type: 'fatal', message: String((error && error.stack) || error) });
  }
})();
`;

/** How a worker can load the training code here, or why it cannot. */
function workerEntry(): { entry: string; tsxApi?: string } | { reason: string } {
  const entry = trainingWorkerModuleUrl();
  if (!entry) return { reason: 'the module URL of the training code is unknown' };
  if (!/\.[cm]?ts$/.test(new URL(entry).pathname)) return { entry };
  try {
    return { entry, tsxApi: tsxEsmApiUrl() };
  } catch {
    return { reason: 'running from TypeScript sources without tsx installed' };
  }
}

/** File URL of tsx's ESM register API (`require.resolve` would give its CJS twin). */
function tsxEsmApiUrl(): string {
  const require = nodeRequire();
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import: { default: string } }> };
  const relative = manifest.exports['./esm/api']?.import.default;
  if (!relative) throw new Error('tsx has no ./esm/api export');
  return new URL(relative, pathToFileURL(manifestPath)).href;
}

/** Results of {@link runTrainingTasks}, in task order, and where they were computed. */
export interface TrainingRun {
  results: TrainingResult[];
  mode: 'workers' | 'in-process';
  /** Why workers were not used, when they were not. */
  fallbackReason?: string;
}

/**
 * Runs training tasks on worker threads, one task per idle worker, results in task order. Falls
 * back to this thread when `workers` is 0 or no worker can start (with the reason). A failing
 * task rejects the whole run.
 */
export async function runTrainingTasks(
  tasks: readonly TrainingTask[],
  options: TrainingPoolOptions = {},
): Promise<TrainingRun> {
  const wanted = Math.min(options.workers ?? availableParallelism(), tasks.length);
  let fallbackReason = 'workers: 0';
  if (wanted > 0) {
    const target = workerEntry();
    if ('entry' in target) {
      const { workers, failure } = await startWorkers(wanted, target);
      if (workers.length > 0) {
        try {
          return { results: await dispatch(workers, tasks, options.onProgress), mode: 'workers' };
        } finally {
          await Promise.all(workers.map((w) => w.terminate()));
        }
      }
      fallbackReason = `no worker could start: ${failure}`;
    } else {
      fallbackReason = target.reason;
    }
  }
  const results: TrainingResult[] = [];
  for (const task of tasks) {
    const result = await runTrainingTask(task);
    results.push(result);
    options.onProgress?.({
      completed: results.length,
      total: tasks.length,
      task: task.id,
      seconds: result.seconds,
      mode: 'in-process',
    });
  }
  return { results, mode: 'in-process', fallbackReason };
}

async function startWorkers(
  count: number,
  target: { entry: string; tsxApi?: string },
): Promise<{ workers: Worker[]; failure?: string }> {
  let failure: string | undefined;
  const started = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Worker | undefined>((resolve) => {
          const worker = new Worker(BOOTSTRAP, { eval: true, workerData: target });
          const fail = (reason: string) => {
            failure = reason;
            worker.terminate();
            resolve(undefined);
          };
          worker.once('error', (error) => fail(error.message));
          worker.once('message', (message: WorkerReply | { type: 'fatal'; message: string }) => {
            if (message.type === 'ready') resolve(worker);
            else
              fail(message.type === 'fatal' ? message.message : `unexpected first message ${message.type}`);
          });
        }),
    ),
  );
  return { workers: started.filter((w): w is Worker => w !== undefined), ...(failure ? { failure } : {}) };
}

function dispatch(
  workers: Worker[],
  tasks: readonly TrainingTask[],
  onProgress: TrainingPoolOptions['onProgress'],
): Promise<TrainingResult[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<TrainingResult>(tasks.length);
    let next = 0;
    let completed = 0;
    let failed = false;
    const feed = (worker: Worker) => {
      if (failed || next >= tasks.length) return;
      const seq = next++;
      worker.postMessage({ seq, task: tasks[seq] });
    };
    for (const worker of workers) {
      worker.on('message', (message: WorkerReply) => {
        if (failed) return;
        if (message.type === 'done') {
          results[message.seq] = message.result;
          completed++;
          onProgress?.({
            completed,
            total: tasks.length,
            task: (tasks[message.seq] as TrainingTask).id,
            seconds: message.result.seconds,
            mode: 'workers',
          });
          if (completed === tasks.length) resolve(results);
          else feed(worker);
        } else if (message.type === 'failed') {
          failed = true;
          const task = (tasks[message.seq] as TrainingTask).id;
          reject(new ModelTrainingError(task, `${message.error.name}: ${message.error.message}`));
        }
      });
      worker.on('error', (error) => {
        if (failed) return;
        failed = true;
        reject(error instanceof DaKiError ? error : new ModelTrainingError('worker', error.message));
      });
      // a worker that exits mid-run (e.g. a WASM abort calling process.exit) would leave its task
      // unanswered forever
      worker.on('exit', (code) => {
        if (failed || completed === tasks.length) return;
        failed = true;
        reject(
          new ModelTrainingError(
            'worker',
            `a training worker exited with code ${code} before the run finished`,
          ),
        );
      });
      feed(worker);
    }
  });
}
