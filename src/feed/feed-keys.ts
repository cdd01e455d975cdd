import { Injectable } from '@nestjs/common';
import { AppConfig } from '../infra/config/app-config';
import { RedisKeys } from '../infra/redis/redis.module';

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
    return Number(BigInt(userId) % BigInt(this.config.FEED_BUCKETS));
  }

  feed(userId: string): string {
    return this.keys.key('feed', `{b${this.bucketOf(userId)}}`, userId);
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
