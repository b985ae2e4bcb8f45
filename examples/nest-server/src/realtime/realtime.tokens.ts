/** The Redis client of the Socket.IO cluster adapter (`null` without `REDIS_URL`). */
export const REALTIME_REDIS = Symbol('REALTIME_REDIS');
