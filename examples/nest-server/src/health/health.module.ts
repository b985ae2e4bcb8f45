import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';

/** `/health` and `/ready`. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
