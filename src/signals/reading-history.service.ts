import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
  ) {}

  /** Newest open first, strictly after `after`; articles no longer published are left out. */
  rows(userId: string, limit: number, after?: { t: string; id: string }): Promise<HistoryRow[]> {
    return this.history.page(userId, limit, after);
  }

  /**
   * Clears the history and forgets what was learned: affinities and the events they came from.
   * Hides stay (an explicit choice, not a learned one). The caller drops the Redis feed, whose stored
   * scores still carry the old affinity terms.
   */
  async clear(userId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.signals.lock(m, userId);
      await this.history.deleteAll(m, userId);
      await this.affinities.deleteAll(m, userId);
      await this.events.deleteLearned(m, userId);
    });
  }
}
