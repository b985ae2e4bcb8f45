/**
 * The wire contract of the reference server: a zod schema per request and response body, and the
 * types inferred from them. The server validates requests and builds its OpenAPI document with it
 * (see `openapi.ts`, imported by the server only); the dashboard imports its types; the end-to-end
 * tests parse every answer with its schemas.
 */
export * from './auth.js';
export * from './common.js';
export * from './data-status.js';
export * from './factor-names.js';
export * from './health.js';
export * from './market.js';
export * from './positions.js';
export * from './prediction.js';
export * from './realtime.js';
export * from './routes.js';
export * from './stock-requests.js';
