import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '../infra/redis/redis';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../infra/config/app-config';
import { AppError } from '../infra/http/app-error';
import { REDIS, RedisKeys } from '../infra/redis/redis.module';
import { retryAfterSeconds } from './retry-after';

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

// Never reached: the per-email count only measures, it slows and does not refuse.
const UNLIMITED = 1_000_000_000;

/**
 * Failed-login and registration limits, counted in Redis so every API process shares them.
 * Failed logins refuse (429) an address that keeps failing, per email and overall, but never an
 * address that has not been failing: failures for one email from all addresses only slow its logins.
 */
@Injectable()
export class AuthRateLimits {
  private readonly loginFailuresPerIp: RateLimiterRedis;
  private readonly loginFailuresPerEmailFromIp: RateLimiterRedis;
  private readonly loginFailuresPerEmail: RateLimiterRedis;
  private readonly registrationsPerIp: RateLimiterRedis;
  private readonly slowdownAfter: number;
  private readonly slowdownMs: number;

  constructor(@Inject(REDIS) redis: RedisClient, keys: RedisKeys, config: AppConfig) {
    const window = config.LOGIN_FAILURE_WINDOW_SECONDS;
    const limiter = (name: string, points: number, duration = window) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.key('rl', name), points, duration });
    this.loginFailuresPerIp = limiter('login-ip', config.LOGIN_FAILURES_PER_IP);
    this.loginFailuresPerEmailFromIp = limiter('login-email-ip', config.LOGIN_FAILURES_PER_EMAIL);
    this.loginFailuresPerEmail = limiter('login-email', UNLIMITED);
    this.registrationsPerIp = limiter('register-ip', config.REGISTRATIONS_PER_IP_PER_HOUR, 3600);
    this.slowdownAfter = config.LOGIN_EMAIL_SLOWDOWN_AFTER;
    this.slowdownMs = config.LOGIN_EMAIL_SLOWDOWN_MS;
  }

  /**
   * Runs `checkPassword` within the failed-login limits and returns its answer (null: a wrong password
   * or an unknown email). Only a wrong password counts: the attempt is charged up front, so concurrent
   * guesses cannot slip past a limit, and the charge is handed back when the password matched or the
   * check itself failed (a 5xx is no guess).
   */
  async attemptLogin<T>(ip: string, email: string, checkPassword: () => Promise<T | null>): Promise<T | null> {
    const mail = emailKey(email);
    const charges: [RateLimiterRedis, string][] = [
      [this.loginFailuresPerIp, ip],
      [this.loginFailuresPerEmailFromIp, `${mail}:${ip}`],
      [this.loginFailuresPerEmail, mail],
    ];
    const charged = await this.charge(charges);
    const earlierFailures = charged[2].consumedPoints - 1;
    if (earlierFailures >= this.slowdownAfter) await sleep(this.slowdownMs);

    let matched: T | null;
    try {
      matched = await checkPassword();
    } catch (error) {
      await this.refund(charges).catch(() => undefined); // the check's own error is the one to report
      throw error;
    }
    if (matched) {
      // The owner is in: this address starts afresh for this email. The email's count stays, since
      // a guesser elsewhere may still be at work; only this attempt is handed back.
      await Promise.all([this.loginFailuresPerEmailFromIp.delete(charges[1][1]), this.refund([charges[0], charges[2]])]);
    }
    return matched;
  }

  /** Takes one point from each limiter, or none: a refused attempt is not a failed login. */
  private async charge(charges: [RateLimiterRedis, string][]): Promise<RateLimiterRes[]> {
    const results = await Promise.allSettled(charges.map(([limiter, key]) => limiter.consume(key)));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
    if (!refused.length) return results.map((r) => (r as PromiseFulfilledResult<RateLimiterRes>).value);
    await this.refund(charges.filter((_, i) => results[i].status === 'fulfilled')).catch(() => undefined);
    const broken = refused.find((reason) => !(reason instanceof RateLimiterRes));
    if (broken) throw storeUnavailable(broken);
    throw rateLimited(Math.max(...refused.map((r) => (r as RateLimiterRes).msBeforeNext)));
  }

  private async refund(charges: [RateLimiterRedis, string][]): Promise<void> {
    await Promise.all(charges.map(([limiter, key]) => limiter.reward(key)));
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
