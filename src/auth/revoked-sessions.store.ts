import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '../infra/redis/redis';
import { AppConfig } from '../infra/config/app-config';
import { REDIS, RedisKeys } from '../infra/redis/redis.module';

/**
 * Logins (refresh-token families) revoked by logout or reuse, so their access tokens stop at once.
 * A marker only has to outlive the access tokens issued before it, hence TTL = access-token lifetime.
 * Postgres (refresh_tokens.revoked_at) stays the record; losing these markers only lets already
 * issued access tokens of a revoked login live out their few minutes.
 */
@Injectable()
export class RevokedSessionsStore {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
  ) {}

  async revoke(familyId: string): Promise<void> {
    await this.redis.set(this.key(familyId), '1', 'EX', this.config.JWT_ACCESS_TTL_SECONDS);
  }

  async isRevoked(familyId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(familyId))) === 1;
  }

  private key(familyId: string): string {
    return this.keys.key('auth', 'revoked-login', familyId);
  }
}
