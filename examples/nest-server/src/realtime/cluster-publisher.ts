import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { adapterRedisOptions } from '../common/redis-connections.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { Broadcaster } from './broadcaster.js';
import { clusterAdapter } from './cluster-adapter.js';

/**
 * For worker processes: a Socket.IO server that accepts no connections and only publishes through
 * the Redis streams adapter, attached to the {@link Broadcaster}. A worker's broadcast lands in the
 * adapter's stream once; every server instance reads it and delivers it to its own clients, and
 * it is there for connection-state recovery on any instance. (The pub/sub emitter package does
 * not speak the streams adapter's protocol, so the adapter itself does the publishing.)
 */
@Injectable()
export class ClusterPublisher implements OnModuleInit, OnApplicationShutdown {
  private redis: Redis | undefined;
  private server: Server | undefined;

  constructor(
    private readonly broadcaster: Broadcaster,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.redisUrl)
      throw new Error('REDIS_URL: required to publish updates to the server instances');
    this.redis = new Redis(this.config.redisUrl, adapterRedisOptions('daki-worker-publisher'));
    this.redis.on('error', () => undefined); // reconnects on its own; commands queue meanwhile
    this.server = new Server({ serveClient: false });
    this.server.adapter(clusterAdapter(this.redis, this.config.jobs.redisPrefix));
    this.broadcaster.attach(this.server, this.redis);
  }

  async onApplicationShutdown(): Promise<void> {
    // Server.close() expects an engine, which a server that never listened lacks: close the adapter.
    await this.server?.of('/').adapter.close();
    this.redis?.disconnect();
  }
}
