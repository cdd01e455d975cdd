import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../infra/config/app-config';
import { REDIS } from '../infra/redis/redis.module';
import { FeedKeys } from './feed-keys';
import { decodeRecords, encodeRecords, FeedRecord, RECORD_BYTES } from './feed-record';
import { FEED_APPEND_LUA } from './lua/feed-append.lua';
import { FEED_MERGE_LUA } from './lua/feed-merge.lua';

type FeedScripts = {
  feedAppend(numKeys: number, ...args: (string | Buffer | number)[]): Promise<number>;
  feedMerge(key: string, records: Buffer, max: number, create: string): Promise<number>;
};

// Appends go over the cap by this many records before a trim, so a trim is paid once per 64 writes.
const TRIM_SLACK_RECORDS = 64;
const CHUNK_MARKER_TTL_SECONDS = 7 * 86400;

/**
 * Per-user feeds in Redis: a packed string of 12-byte records per user (feed-record.ts).
 * Rebuilt from Postgres whenever missing (FeedService), so Redis holds nothing that can be lost.
 */
@Injectable()
export class FeedStore {
  private readonly redis: Redis & FeedScripts;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly feedKeys: FeedKeys,
    private readonly config: AppConfig,
  ) {
    redis.defineCommand('feedAppend', { lua: FEED_APPEND_LUA });
    redis.defineCommand('feedMerge', { lua: FEED_MERGE_LUA, numberOfKeys: 1 });
    this.redis = redis as Redis & FeedScripts;
  }

  get maxItems(): number {
    return this.config.FEED_MAX_ITEMS;
  }

  /** Reads a feed; null when it is missing (never built, lost, or erased). */
  async read(userId: string): Promise<FeedRecord[] | null> {
    const buf = await this.redis.getBuffer(this.feedKeys.feed(userId));
    return buf === null ? null : decodeRecords(buf);
  }

  /**
   * Writes one record into the existing feeds of users of one bucket, once per chunk id; a user named
   * in `lnWeightByUser` gets the record with that ln(weight) instead (their affinity for its topics).
   * Returns how many feeds were written, or -1 when this chunk had already been applied.
   */
  appendToBucket(
    bucket: number,
    userIds: string[],
    record: FeedRecord,
    chunk: { articleId: string; version: number; seq: number },
    lnWeightByUser: Record<string, number> = {},
  ): Promise<number> {
    const keys = userIds.map((id) => this.feedKeys.feed(id));
    keys.push(this.feedKeys.chunkDone(bucket, chunk.articleId, chunk.version, chunk.seq));
    const personal = userIds.some((id) => id in lnWeightByUser)
      ? encodeRecords(userIds.map((id) => ({ ...record, lnWeight: lnWeightByUser[id] ?? record.lnWeight })))
      : '';
    return this.redis.feedAppend(
      keys.length,
      ...keys,
      encodeRecords([record]),
      this.maxItems * RECORD_BYTES,
      TRIM_SLACK_RECORDS * RECORD_BYTES,
      CHUNK_MARKER_TTL_SECONDS,
      personal,
    );
  }

  /** Merges records into a feed; `create` builds a missing feed (a rebuild), else it stays missing. */
  merge(userId: string, records: FeedRecord[], create: boolean): Promise<number> {
    return this.redis.feedMerge(this.feedKeys.feed(userId), encodeRecords(records), this.maxItems, create ? '1' : '0');
  }

  async erase(userId: string): Promise<void> {
    await this.redis.unlink(this.feedKeys.feed(userId));
  }
}
