import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { JobPayloads } from '../../infra/queues/job-catalogue';
import { REDIS } from '../../infra/redis/redis.module';
import { FeedEventChannels } from './feed-event-channels';
import { encodeFeedEvent } from './feed-event-message';

type Chunk = Pick<JobPayloads['fanout.chunk'], 'articleId' | 'version' | 'bucket' | 'publishedAtSec' | 'userIds'>;

/** The worker side of live updates: one message per written chunk on the bucket's channel. */
@Injectable()
export class FeedEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly channels: FeedEventChannels,
  ) {}

  /**
   * `written` is what the chunk's write returned: 0 means no reader of the chunk has a feed, so no
   * stream can be waiting. A repeat (-1) is announced again, since the first run may have died between
   * its write and its publish; streams drop what they have already sent.
   */
  async chunkWritten(chunk: Chunk, written: number): Promise<void> {
    if (written === 0 || !chunk.userIds.length) return;
    const message = encodeFeedEvent({
      articleId: chunk.articleId,
      version: chunk.version,
      publishedAtSec: chunk.publishedAtSec,
      userIds: chunk.userIds,
    });
    await this.redis.publish(this.channels.forBucket(chunk.bucket), message);
  }
}
