import { Injectable } from '@nestjs/common';
import { isCluster, type RedisClient } from '../../infra/redis/redis';
import { RedisKeys } from '../../infra/redis/redis.module';

/**
 * One pub/sub channel per feed bucket, tagged like the bucket's feeds ({b<k>}). On a cluster it is a sharded
 * channel (SPUBLISH/SSUBSCRIBE), carried only by the shard that holds the bucket's slot, not broadcast to every node.
 */
@Injectable()
export class FeedEventChannels {
  constructor(private readonly keys: RedisKeys) {}

  forBucket(bucket: number): string {
    return this.keys.key('feed-events', `{b${bucket}}`);
  }

  async publish(redis: RedisClient, bucket: number, message: string): Promise<void> {
    const channel = this.forBucket(bucket);
    await (isCluster(redis) ? redis.spublish(channel, message) : redis.publish(channel, message));
  }
}
