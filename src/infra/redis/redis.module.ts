import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { RedisClient } from './redis';
import { AppConfig } from '../config/app-config';
import { createRedisClient } from './redis';
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
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    RedisErrorLogging,
    { provide: REDIS, inject: [AppConfig], useFactory: (config: AppConfig) => createRedisClient(config, {}, { name: 'main' }) },
    RedisKeys,
    RedisCloser,
  ],
  exports: [REDIS, RedisKeys],
})
export class RedisModule {}
