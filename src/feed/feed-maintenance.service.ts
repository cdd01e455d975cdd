import { Injectable } from '@nestjs/common';
import { FeedSourceService } from './feed-source.service';
import { FeedStore } from './feed-store';
import { FeedWriterService } from './feed-writer.service';

// Backfill on follow brings this many of the topic's newest articles (the contract's figure).
const FOLLOW_BACKFILL = 200;

/**
 * What other features tell the feed after a reader's topic graph or account changed (committed, and the reader's
 * state copy dropped by ReaderStateService.changing). Unfollow and mute need no feed write: the read path shows
 * only articles carrying a followed, unmuted topic.
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

  /** Drops the reader's feed window: the next read rebuilds it (or finds no account). */
  async eraseUser(userId: string): Promise<void> {
    await this.store.erase(userId);
  }
}
