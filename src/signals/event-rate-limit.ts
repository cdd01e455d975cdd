import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '../infra/redis/redis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { retryAfterSeconds } from '../auth/retry-after';
import { AppConfig } from '../infra/config/app-config';
import { AppError } from '../infra/http/app-error';
import { REDIS, RedisKeys } from '../infra/redis/redis.module';

/**
 * EVENTS_PER_USER_PER_HOUR, counted in events (not requests) in Redis, so every API process shares it.
 * A batch that would take the count past the limit is refused whole and counts nothing: the client
 * keeps its events and sends them again after Retry-After, rather than losing part of a batch.
 */
@Injectable()
export class EventRateLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: RedisClient, keys: RedisKeys, config: AppConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.key('rl', 'feed-events'),
      points: config.EVENTS_PER_USER_PER_HOUR,
      duration: 3600,
    });
  }

  async take(userId: string, events: number): Promise<void> {
    try {
      await this.limiter.consume(userId, events);
    } catch (reason) {
      if (!(reason instanceof RateLimiterRes)) {
        throw Object.assign(
          new AppError(503, 'DEPENDENCY_UNAVAILABLE', 'A backing service is unavailable; try again shortly.', undefined, {
            'retry-after': '5',
          }),
          { cause: reason },
        );
      }
      await this.limiter.reward(userId, events);
      const seconds = retryAfterSeconds(reason.msBeforeNext);
      throw new AppError(429, 'RATE_LIMITED', `Too many feed events this hour; send them again in ${seconds} s.`, undefined, {
        'retry-after': String(seconds),
      });
    }
  }
}
