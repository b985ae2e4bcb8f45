import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/http-exception.filter.js';
import { DATABASE, REDIS } from '../common/tokens.js';
import type { Health, Readiness } from '../contract/index.js';
import type { Database } from '../db/database.js';
import { ScheduleStatus } from '../jobs/schedule-status.js';
import { checkReadiness } from './readiness.js';

/** Liveness and readiness for load balancers and Kubernetes probes. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly schedules: ScheduleStatus,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  health(): Health {
    return { status: 'ok', uptime_seconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: 200 while the database is reachable (status "degraded" when Redis or the update schedules are not), 503 with the same checks when it is not',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const readiness = await checkReadiness(this.database, this.redis, this.schedules.state);
    // The 503 keeps its body: a probe log or an operator sees which check failed.
    if (readiness.status === 'not ready')
      void reply.status(503).header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return readiness;
  }
}
