import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedis } from './redis';
import { RedisErrorLogging } from './redis-error-logging.service';

export const REDIS = Symbol('REDIS');

/** Key names of this deployment: every key starts with REDIS_PREFIX so test runs never collide. */
@Injectable()
export class RedisKeys {
  readonly prefix: string;
  constructor(config: AppConfig) {
    this.prefix = `${config.REDIS_PREFIX}:`;
  }
  key(...parts: (string | number)[]): string {
    return this.prefix + parts.join(':');
  }
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    RedisErrorLogging,
    { provide: REDIS, inject: [AppConfig], useFactory: (config: AppConfig) => createRedis(config.REDIS_URL, {}, { name: 'main' }) },
    RedisKeys,
    RedisCloser,
  ],
  exports: [REDIS, RedisKeys],
})
export class RedisModule {}
