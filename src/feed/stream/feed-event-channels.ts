import { Injectable } from '@nestjs/common';
import { RedisKeys } from '../../infra/redis/redis.module';

/**
 * One pub/sub channel per feed bucket, tagged like the bucket's feeds ({b<k>}), so on a cluster
 * it can move to sharded pub/sub (SPUBLISH) on the bucket's own shard without renaming.
 */
@Injectable()
export class FeedEventChannels {
  constructor(private readonly keys: RedisKeys) {}

  forBucket(bucket: number): string {
    return this.keys.key('feed-events', `{b${bucket}}`);
  }
}
