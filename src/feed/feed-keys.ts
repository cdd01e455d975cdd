import { Injectable } from '@nestjs/common';
import { AppConfig } from '../infra/config/app-config';
import { RedisKeys } from '../infra/redis/redis.module';
import { bucketOf } from './feed-bucket';

/**
 * Feed keys carry a hash tag {b<bucket>} with bucket = userId mod FEED_BUCKETS, so that one
 * fan-out chunk (users of one bucket) is one single-slot Lua call on a Redis Cluster too.
 */
@Injectable()
export class FeedKeys {
  constructor(
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
  ) {}

  bucketOf(userId: string): number {
    return bucketOf(userId, this.config.FEED_BUCKETS);
  }

  feed(userId: string): string {
    return this.keys.key('feed', `{b${this.bucketOf(userId)}}`, userId);
  }

  /** The feeds of users all in `bucket` (a fan-out chunk): the bucket is known, not computed again per user. */
  feedsInBucket(bucket: number, userIds: string[]): string[] {
    const prefix = this.keys.key('feed', `{b${bucket}}`, '');
    return userIds.map((id) => prefix + id);
  }

  /** The reader's state and cached ranked top (a hash), in the slot of their feed so one script reads both. */
  readerState(userId: string): string {
    return this.keys.key('reader', `{b${this.bucketOf(userId)}}`, userId);
  }

  /** Fan-out chunks applied to the bucket's feeds: Redis's side of the fan-out watermark (docs/feed.md). */
  fanoutCount(bucket: number): string {
    return this.keys.key('fanout-count', `{b${bucket}}`);
  }

  chunkDone(bucket: number, articleId: string, version: number, seq: number): string {
    return this.keys.key('fanout-done', `{b${bucket}}`, articleId, `v${version}`, seq);
  }
}
