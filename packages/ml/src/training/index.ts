export * from './pool.js';
export * from './tasks.js';
export { runTrainingWorker } from './worker.js';
