import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/config.js';
import { AuthModule } from './auth/auth.module.js';
import { CoreModule } from './common/core.module.js';
import type { Database } from './db/database.js';
import { HealthModule } from './health/health.module.js';
import { PositionsModule } from './positions/positions.module.js';
import { StocksModule } from './stocks/stocks.module.js';

/** The reference server: one feature module per area. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: Database): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, database), AuthModule.forRoot(config), HealthModule, StocksModule, PositionsModule],
    };
  }
}
