// The COMPILED server, typed by its sources. Tests must run dist/: vitest's transform drops the
// decorator metadata Nest injects by, so importing src/ would leave services undefined. The paths are
// resolved at run time because dist/ carries no .d.ts; the `typeof import(src)` casts give the types.

import type * as TokensModule from '../../src/common/tokens.js';
import type * as ConfigModule from '../../src/config/config.js';
import type * as DatabaseModule from '../../src/db/database.js';
import type * as PredictionModule from '../../src/forecasts/prediction.service.js';
import type * as UpdateTasksModule from '../../src/jobs/update-tasks.js';
import type * as ServerModule from '../../src/server.js';

const dist = <T>(path: string): Promise<T> =>
  import(new URL(`../../dist/${path}`, import.meta.url).href) as Promise<T>;

export const { startServer } = await dist<typeof ServerModule>('server.js');
export const { loadConfig, ConfigError } = await dist<typeof ConfigModule>('config/config.js');
export const { DATABASE } = await dist<typeof TokensModule>('common/tokens.js');
export const { UpdateTasks } = await dist<typeof UpdateTasksModule>('jobs/update-tasks.js');
/** The forecasts service class of the built server: `server.app.get(PredictionService)` finds its instance. */
export const { PredictionService } = await dist<typeof PredictionModule>('forecasts/prediction.service.js');

export type { AppConfig } from '../../src/config/config.js';
export type { RunningServer } from '../../src/server.js';
export type Database = DatabaseModule.Database;
