import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '../../infra/redis/redis';
import type { JobPayloads } from '../../infra/queues/job-catalogue';
import { REDIS } from '../../infra/redis/redis.module';
import { FeedEventChannels } from './feed-event-channels';
import { encodeFeedEvent } from './feed-event-message';

type Chunk = Pick<JobPayloads['fanout.chunk'], 'articleId' | 'version' | 'bucket' | 'publishedAtSec'>;

/** The worker side of live updates: one message per written chunk on the bucket's channel. */
@Injectable()
export class FeedEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly channels: FeedEventChannels,
  ) {}

  /**
   * Announced whatever the write did (`written` is kept for the signature): a reader whose window Redis
   * lost (restart, flush) still holds a stream and must hear of the article, though no window was
   * written. A repeat is announced again, since the first run may have died between its write and its
   * publish; streams drop what they have already sent.
   */
  async chunkWritten(chunk: Chunk, userIds: string[], _written: number): Promise<void> {
    if (!userIds.length) return;
    const message = encodeFeedEvent({
      articleId: chunk.articleId,
      version: chunk.version,
      publishedAtSec: chunk.publishedAtSec,
      userIds,
    });
    await this.channels.publish(this.redis, chunk.bucket, message);
  }
}
