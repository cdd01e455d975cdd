import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FeedStore } from '../feed/feed-store';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { AffinitiesRepository } from './affinities.repository';
import { FeedEventsRepository } from './feed-events.repository';
import { HistoryRepository, HistoryRow } from './history.repository';
import { ReaderSignalsRepository } from './reader-signals.repository';

export type { HistoryRow } from './history.repository';

/** The reader's history of opened articles, and the reset of everything learned from their signals. */
@Injectable()
export class ReadingHistoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signals: ReaderSignalsRepository,
    private readonly history: HistoryRepository,
    private readonly affinities: AffinitiesRepository,
    private readonly events: FeedEventsRepository,
    private readonly feedStore: FeedStore,
    private readonly readerState: ReaderStateService,
  ) {}

  /** Newest open first, strictly after `after`; articles no longer published are left out. */
  rows(userId: string, limit: number, after?: { t: string; id: string }): Promise<HistoryRow[]> {
    return this.history.page(userId, limit, after);
  }

  /**
   * Clears the history and forgets what was learned: affinities and the events they came from.
   * Hides stay (an explicit choice, not a learned one). The Redis feed is dropped so that its stored
   * scores lose the old affinity terms; the next read rebuilds it from Postgres.
   */
  async clear(userId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.signals.lock(m, userId);
      await this.history.deleteAll(m, userId);
      await this.affinities.deleteAll(m, userId);
      await this.events.deleteLearned(m, userId);
    });
    await this.readerState.invalidate(userId);
    await this.feedStore.erase(userId);
  }
}
