/** The Redis client of the live quotes (`null` without `REDIS_URL`). */
export const JOBS_REDIS = Symbol('JOBS_REDIS');
