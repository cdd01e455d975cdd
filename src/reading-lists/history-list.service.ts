import { Injectable } from '@nestjs/common';
import { CardCacheService } from '../articles/card-cache.service';
import { FeedMaintenanceService } from '../feed/feed-maintenance.service';
import type { Page, PageQuery } from '../infra/http/paging';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { ReadingHistoryService } from '../signals/reading-history.service';
import { parseListCursor, readCardPage } from './card-list';

/** GET /v1/me/history: the signals' reading history as a page of cards. */
@Injectable()
export class HistoryListService {
  constructor(
    private readonly history: ReadingHistoryService,
    private readonly cards: CardCacheService,
    private readonly feed: FeedMaintenanceService,
    private readonly readerStates: ReaderStateService,
  ) {}

  async page(userId: string, query: PageQuery): Promise<Page<unknown>> {
    const rows = await this.history.rows(userId, query.limit + 1, parseListCursor(query.cursor));
    const listRows = rows.map((r) => ({ articleId: r.articleId, at: r.openedAt, position: r.position }));
    return readCardPage(this.cards, listRows, query.limit, 'openedAt');
  }

  /** The Redis feed is dropped after, so that its stored scores lose the old affinity terms; the next read rebuilds it. */
  async clear(userId: string): Promise<void> {
    await this.readerStates.changing(userId, () => this.history.clear(userId));
    await this.feed.eraseUser(userId);
  }
}
