import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FeedStore } from '../feed/feed-store';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { lockReaderSignals } from './reader-signals.lock';

export interface HistoryRow {
  articleId: string;
  openedAt: Date;
  /** opened_at to the microsecond, for an exact keyset cursor. */
  position: string;
}

/** The reader's history of opened articles, and the reset of everything learned from their signals. */
@Injectable()
export class ReadingHistoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly feedStore: FeedStore,
    private readonly readerState: ReaderStateService,
  ) {}

  /** Newest open first, strictly after `after`; articles no longer published are left out. */
  async rows(userId: string, limit: number, after?: { t: string; id: string }): Promise<HistoryRow[]> {
    const rows: { id: string; opened_at: Date; t: string }[] = await this.db.query(
      `SELECT h.article_id::text AS id, h.opened_at,
              to_char(h.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
         FROM reading_history h JOIN articles a ON a.id = h.article_id
        WHERE h.user_id = $1 AND a.status = 'published' AND a.published_at <= now()
          ${after ? 'AND (h.opened_at, h.article_id) < ($3::timestamptz, $4::bigint)' : ''}
        ORDER BY h.opened_at DESC, h.article_id DESC
        LIMIT $2`,
      after ? [userId, limit, after.t, after.id] : [userId, limit],
    );
    return rows.map((r) => ({ articleId: r.id, openedAt: r.opened_at, position: r.t }));
  }

  /**
   * Clears the history and forgets what was learned: affinities and the events they came from.
   * Hides stay (an explicit choice, not a learned one). The Redis feed is dropped so that its stored
   * scores lose the old affinity terms; the next read rebuilds it from Postgres.
   */
  async clear(userId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await lockReaderSignals(m, userId);
      await m.query(`DELETE FROM reading_history WHERE user_id = $1`, [userId]);
      await m.query(`DELETE FROM topic_affinities WHERE user_id = $1`, [userId]);
      await m.query(`DELETE FROM feed_events WHERE user_id = $1 AND type <> 'hide'`, [userId]);
    });
    await this.readerState.invalidate(userId);
    await this.feedStore.erase(userId);
  }
}
