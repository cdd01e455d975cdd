import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { FeedKeys } from '../feed/feed-keys';
import { AppConfig } from '../infra/config/app-config';
import { REDIS } from '../infra/redis/redis.module';
import { READER_STATE_INVALIDATE_LUA, READER_STATE_SAVE_LUA } from './lua/reader-state.lua';

type Scripts = {
  readerStateSave(key: string, feed: string, generation: string, state: string, version: string, ttl: number): Promise<number>;
  readerStateInvalidate(key: string, ttl: number): Promise<number>;
};

export interface StoredReaderState {
  /** '0' when no invalidation has happened since the hash was created. */
  generation: string;
  state: string | null;
}

/** The Redis copy of reader state: one hash per reader beside their feed (same hash slot). */
@Injectable()
export class ReaderStateStore {
  private readonly redis: Redis & Scripts;
  readonly idleTtlSeconds: number;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly feedKeys: FeedKeys,
    config: AppConfig,
  ) {
    redis.defineCommand('readerStateSave', { lua: READER_STATE_SAVE_LUA, numberOfKeys: 2 });
    redis.defineCommand('readerStateInvalidate', { lua: READER_STATE_INVALIDATE_LUA, numberOfKeys: 1 });
    this.redis = redis as Redis & Scripts;
    this.idleTtlSeconds = config.FEED_IDLE_TTL_DAYS * 86400;
  }

  /** A plain HMGET: read-only, so it is served while Redis refuses writes. */
  async read(userId: string): Promise<StoredReaderState> {
    const [generation, state] = await this.redis.hmget(this.feedKeys.readerState(userId), 'g', 's');
    return { generation: generation ?? '0', state };
  }

  /** False when an invalidation came in since `generation` was read: the state may be older than Postgres. */
  async save(userId: string, generation: string, state: string, version: string): Promise<boolean> {
    const saved = await this.redis.readerStateSave(
      this.feedKeys.readerState(userId),
      this.feedKeys.feed(userId),
      generation,
      state,
      version,
      this.idleTtlSeconds,
    );
    return saved === 1;
  }

  async invalidate(userId: string): Promise<void> {
    await this.redis.readerStateInvalidate(this.feedKeys.readerState(userId), this.idleTtlSeconds);
  }
}
