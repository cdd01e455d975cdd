import { Injectable } from '@nestjs/common';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { FeedSourceService } from './feed-source.service';
import { FeedStore } from './feed-store';
import { FeedWriterService } from './feed-writer.service';

// Backfill on follow brings this many of the topic's newest articles (the contract's figure).
const FOLLOW_BACKFILL = 200;

/**
 * What other features tell the feed when a reader's topic graph or account changes.
 * Each first drops the reader's state copy in Redis (Postgres has committed the change). Unfollow and mute
 * need no feed write: the read path shows only articles carrying a followed, unmuted topic.
 */
@Injectable()
export class FeedMaintenanceService {
  constructor(
    private readonly store: FeedStore,
    private readonly source: FeedSourceService,
    private readonly writer: FeedWriterService,
    private readonly readerState: ReaderStateService,
  ) {}

  async onFollow(userId: string, topicId: string): Promise<void> {
    await this.readerState.invalidate(userId);
    await this.writer.backfill(userId, [topicId], FOLLOW_BACKFILL);
  }

  async onUnfollow(userId: string, _topicId: string): Promise<void> {
    await this.readerState.invalidate(userId);
  }

  async onMute(userId: string, _topicId: string): Promise<void> {
    await this.readerState.invalidate(userId);
  }

  /** Articles of the unmuted topic were never fanned out to this reader: bring the recent ones in. */
  async onUnmute(userId: string, _topicId: string): Promise<void> {
    await this.readerState.invalidate(userId);
    const graph = await this.source.topicGraph(userId);
    await this.writer.backfill(userId, graph.follows, this.store.maxItems);
  }

  async eraseUser(userId: string): Promise<void> {
    await this.readerState.invalidate(userId);
    await this.store.erase(userId);
  }
}
