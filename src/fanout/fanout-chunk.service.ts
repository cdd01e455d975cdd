import { Injectable } from '@nestjs/common';
import { FeedStore } from '../feed/feed-store';
import { FeedEventAnnouncements } from '../feed/stream/feed-event-announcements';
import { FanoutMetrics } from '../infra/metrics/fanout-metrics.service';
import type { JobPayloads } from '../infra/queues/job-catalogue';
import { chunkUsers } from './chunk-users';
import { FanoutChunkCounts } from './fanout-chunk-counts';

/** Writes one chunk: a single Lua call into the feeds of one bucket's users, which also announces it; a repeat changes nothing. */
@Injectable()
export class FanoutChunkService {
  constructor(
    private readonly store: FeedStore,
    private readonly metrics: FanoutMetrics,
    private readonly announcements: FeedEventAnnouncements,
    private readonly chunkCounts: FanoutChunkCounts,
  ) {}

  async write(chunk: JobPayloads['fanout.chunk']): Promise<{ written: number; repeat: boolean }> {
    const userIds = chunkUsers(chunk);
    const written = await this.store.appendToBucket(
      chunk.bucket,
      userIds,
      { articleId: Number(chunk.articleId), publishedAtSec: chunk.publishedAtSec, lnWeight: chunk.lnWeight },
      { articleId: chunk.articleId, version: chunk.version, seq: chunk.seq },
      chunk.lnWeightByUser,
      this.announcements.announcement(chunk, userIds),
    );
    this.metrics.chunkWritten(chunk, written);
    // Counted in Postgres after Redis counted it: Redis behind Postgres means Redis lost writes.
    if (written >= 0) await this.chunkCounts.count(chunk.bucket);
    return written < 0 ? { written: 0, repeat: true } : { written, repeat: false };
  }
}
