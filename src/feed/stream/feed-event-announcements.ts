import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../../infra/queues/job-catalogue';
import { FeedEventChannels } from './feed-event-channels';
import { encodeFeedEvent } from './feed-event-message';

type Chunk = Pick<JobPayloads['fanout.chunk'], 'articleId' | 'version' | 'bucket' | 'publishedAtSec'>;

/** The worker side of live updates: one message per written chunk on the bucket's channel. */
@Injectable()
export class FeedEventAnnouncements {
  constructor(private readonly channels: FeedEventChannels) {}

  /**
   * The chunk's message and channel, published by the chunk's own write (FeedStore.appendToBucket): one call instead
   * of a write and then a PUBLISH. None for a chunk without users. Announced whatever the write did: a reader whose
   * window Redis lost (restart, flush) still holds a stream and must hear of the article, though no window was
   * written; a repeat is announced again, and streams drop what they have already sent.
   */
  announcement(chunk: Chunk, userIds: string[]): { channel: string; message: string } | undefined {
    if (!userIds.length) return undefined;
    const message = encodeFeedEvent({
      articleId: chunk.articleId,
      version: chunk.version,
      publishedAtSec: chunk.publishedAtSec,
      userIds,
    });
    return { channel: this.channels.forBucket(chunk.bucket), message };
  }
}
