import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { adapterRedisOptions } from '../common/redis-connections.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { StocksModule } from '../stocks/stocks.module.js';
import { Broadcaster } from './broadcaster.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { REALTIME_REDIS } from './realtime.tokens.js';
import { SocketAuthenticator } from './socket-auth.js';

/**
 * The WebSocket gateway and the {@link Broadcaster} the jobs send updates through. With
 * `REDIS_URL` the gateway runs on the Redis streams adapter over its own connection (the shared
 * one fails fast when Redis is away; this one queues commands and reconnects, so a broadcast made
 * while Redis restarts is delivered once it is back).
 */
@Module({
  imports: [StocksModule],
  providers: [
    SocketAuthenticator,
    Broadcaster,
    RealtimeGateway,
    {
      provide: REALTIME_REDIS,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.redisUrl) return null;
        const redis = new Redis(config.redisUrl, adapterRedisOptions('daki-realtime'));
        redis.on('error', () => undefined); // reconnects on its own; /ready reports Redis health
        return redis;
      },
    },
  ],
  exports: [Broadcaster],
})
export class RealtimeModule implements OnApplicationShutdown {
  constructor(@Inject(REALTIME_REDIS) private readonly redis: Redis | null) {}

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
