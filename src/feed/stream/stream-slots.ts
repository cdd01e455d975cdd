import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '../../infra/redis/redis';
import { AppConfig } from '../../infra/config/app-config';
import { REDIS, RedisKeys } from '../../infra/redis/redis.module';

// One sorted set per account: member = connection id, score = when the entry lapses unless renewed.
// Expired entries are dropped first, so a killed API process frees its slots within one TTL.
const TAKE_SLOT_LUA = `
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[4]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ttl)
return 1`;

type SlotScripts = { takeStreamSlot(key: string, nowMs: number, ttlMs: number, max: number, member: string): Promise<number> };

/** The open-stream count per account, shared by every API process (FEED_STREAM_MAX_PER_USER). */
@Injectable()
export class StreamSlots {
  private readonly redis: RedisClient & SlotScripts;
  private readonly ttlMs: number;

  constructor(
    @Inject(REDIS) redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
  ) {
    redis.defineCommand('takeStreamSlot', { numberOfKeys: 1, lua: TAKE_SLOT_LUA });
    this.redis = redis as RedisClient & SlotScripts;
    // Renewed every recheck: two missed renewals (a stalled process) and the slot lapses.
    this.ttlMs = 2 * config.FEED_STREAM_RECHECK_MS + 5000;
  }

  /** Takes a slot, or renews the one this connection holds; false when the account has no slot left. */
  async take(userId: string, connectionId: string): Promise<boolean> {
    return (
      (await this.redis.takeStreamSlot(this.key(userId), Date.now(), this.ttlMs, this.config.FEED_STREAM_MAX_PER_USER, connectionId)) === 1
    );
  }

  async release(userId: string, connectionId: string): Promise<void> {
    await this.redis.zrem(this.key(userId), connectionId);
  }

  private key(userId: string): string {
    return this.keys.key('stream-slots', userId);
  }
}
