export * from './walk-forward.js';
export * from './walk-forward-plan.js';
