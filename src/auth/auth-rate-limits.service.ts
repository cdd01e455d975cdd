import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../infra/config/app-config';
import { AppError } from '../infra/http/app-error';
import { REDIS, RedisKeys } from '../infra/redis/redis.module';
import { retryAfterSeconds } from './retry-after';

export interface LoginAttempt {
  /** The password matched: this attempt was not a failure after all. */
  succeeded(): Promise<void>;
}

const rateLimited = (msBeforeNext: number) => {
  const seconds = retryAfterSeconds(msBeforeNext);
  return new AppError(429, 'RATE_LIMITED', `Too many attempts; try again in ${seconds} s.`, undefined, {
    'retry-after': String(seconds),
  });
};

// A rejection is either a RateLimiterRes (limit used up) or the store's own error (Redis down):
// the latter is a 503, never a 500, and keeps its cause for the error log.
const storeUnavailable = (cause: unknown) =>
  Object.assign(
    new AppError(503, 'DEPENDENCY_UNAVAILABLE', 'A backing service is unavailable; try again shortly.', undefined, {
      'retry-after': '5',
    }),
    { cause },
  );

// Emails are hashed so the rate-limit keys in Redis hold no addresses.
const emailKey = (email: string) => createHash('sha256').update(email).digest('base64url');

/** Failed-login and registration limits, counted in Redis so every API process shares them. */
@Injectable()
export class AuthRateLimits {
  private readonly loginFailuresPerIp: RateLimiterRedis;
  private readonly loginFailuresPerEmail: RateLimiterRedis;
  private readonly registrationsPerIp: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, keys: RedisKeys, config: AppConfig) {
    const window = config.LOGIN_FAILURE_WINDOW_SECONDS;
    this.loginFailuresPerIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.key('rl', 'login-ip'),
      points: config.LOGIN_FAILURES_PER_IP,
      duration: window,
    });
    this.loginFailuresPerEmail = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.key('rl', 'login-email'),
      points: config.LOGIN_FAILURES_PER_EMAIL,
      duration: window,
    });
    this.registrationsPerIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: keys.key('rl', 'register-ip'),
      points: config.REGISTRATIONS_PER_IP_PER_HOUR,
      duration: 3600,
    });
  }

  /**
   * Counts the attempt as a failure up front, before the password is checked, so concurrent guesses
   * cannot slip past the limit; a successful login gives the point back and clears the email's count.
   */
  async beginLogin(ip: string, email: string): Promise<LoginAttempt> {
    const mailKey = emailKey(email);
    const [byIp, byEmail] = await Promise.allSettled([this.loginFailuresPerIp.consume(ip), this.loginFailuresPerEmail.consume(mailKey)]);
    const failures = [byIp, byEmail].filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
    const broken = failures.find((reason) => !(reason instanceof RateLimiterRes));
    if (broken) throw storeUnavailable(broken);
    if (failures.length) {
      // A refused attempt is not a failed login: hand back the point the other limiter took.
      if (byIp.status === 'fulfilled') await this.loginFailuresPerIp.reward(ip);
      if (byEmail.status === 'fulfilled') await this.loginFailuresPerEmail.reward(mailKey);
      throw rateLimited(Math.max(...failures.map((r) => (r as RateLimiterRes).msBeforeNext)));
    }
    return {
      succeeded: async () => {
        await Promise.all([this.loginFailuresPerEmail.delete(mailKey), this.loginFailuresPerIp.reward(ip)]);
      },
    };
  }

  async countRegistration(ip: string): Promise<void> {
    try {
      await this.registrationsPerIp.consume(ip);
    } catch (reason) {
      if (reason instanceof RateLimiterRes) throw rateLimited(reason.msBeforeNext);
      throw storeUnavailable(reason);
    }
  }
}
