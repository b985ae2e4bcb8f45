import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import { DATABASE, REDIS } from '../common/tokens.js';
import type { Database } from '../db/database.js';

/** Liveness and readiness for load balancers and Kubernetes probes. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  health() {
    return { status: 'ok', uptime_seconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: the database and, if configured, Redis are reachable' })
  async ready() {
    const database = await this.database.ping();
    const redis = this.redis ? await this.pingRedis(this.redis) : undefined;
    const checks = {
      database: database ? 'up' : 'down',
      ...(redis === undefined ? {} : { redis: redis ? 'up' : 'down' }),
    };
    if (!database || redis === false) throw new ServiceUnavailableException({ message: 'not ready', checks });
    return { status: 'ready', checks };
  }

  private async pingRedis(redis: Redis): Promise<boolean> {
    try {
      return (
        (await Promise.race([redis.ping(), new Promise((_, reject) => setTimeout(reject, 1_000))])) === 'PONG'
      );
    } catch {
      return false;
    }
  }
}
