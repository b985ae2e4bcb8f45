export { mapWithConcurrency } from './concurrency.js';
export { createRng, type Rng } from './random.js';
