import { Injectable } from '@nestjs/common';
import { FeedSourceService } from './feed-source.service';
import { FeedStore } from './feed-store';
import { FeedWriterService } from './feed-writer.service';

// Backfill on follow brings this many of the topic's newest articles (the contract's figure).
const FOLLOW_BACKFILL = 200;

/**
 * What other features tell the feed when a reader's topic graph or account changes.
 * Unfollow and mute need no write: the read path shows only articles carrying a followed,
 * unmuted topic, so they leave the feed the moment the follow or mute is committed.
 */
@Injectable()
export class FeedMaintenanceService {
  constructor(
    private readonly store: FeedStore,
    private readonly source: FeedSourceService,
    private readonly writer: FeedWriterService,
  ) {}

  async onFollow(userId: string, topicId: string): Promise<void> {
    await this.writer.backfill(userId, [topicId], FOLLOW_BACKFILL);
  }

  /** Articles of the unmuted topic were never fanned out to this reader: bring the recent ones in. */
  async onUnmute(userId: string, _topicId: string): Promise<void> {
    const graph = await this.source.topicGraph(userId);
    await this.writer.backfill(userId, graph.follows, this.store.maxItems);
  }

  async eraseUser(userId: string): Promise<void> {
    await this.store.erase(userId);
  }
}
