import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { HealthController } from './health.controller.js';

/** `/health` and `/ready` (which reports the database, Redis and the update schedules). */
@Module({ imports: [JobsModule], controllers: [HealthController] })
export class HealthModule {}
