import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { publishedAndDue } from '../feed-rules/feed-rule';
import { Clock } from '../infra/clock/clock';
import type { Queryable } from '../infra/database/queryable';

export interface HistoryRow {
  articleId: string;
  openedAt: Date;
  /** opened_at to the microsecond, for an exact keyset cursor. */
  position: string;
}

/** The reading_history table: each article a reader opened, once, at its latest open. */
@Injectable()
export class HistoryRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `opens`: article id to its latest open in the batch; an older stored open moves up to it. */
  async recordOpens(m: Queryable, userId: string, opens: Map<string, number>): Promise<void> {
    await m.query(
      `INSERT INTO reading_history (user_id, article_id, opened_at)
       SELECT $1, h.article_id, h.opened_at FROM unnest($2::bigint[], $3::timestamptz[]) AS h(article_id, opened_at)
       ON CONFLICT (user_id, article_id) DO UPDATE SET opened_at = GREATEST(reading_history.opened_at, EXCLUDED.opened_at)`,
      [userId, [...opens.keys()], [...opens.values()].map((ms) => new Date(ms))],
    );
  }

  /** Newest open first, strictly after `after`; articles no longer published are left out. */
  async page(userId: string, limit: number, after?: { t: string; id: string }): Promise<HistoryRow[]> {
    const rows: { id: string; opened_at: Date; t: string }[] = await this.db.query(
      `SELECT h.article_id::text AS id, h.opened_at,
              to_char(h.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
         FROM reading_history h JOIN articles a ON a.id = h.article_id
        WHERE h.user_id = $1 AND ${publishedAndDue.sql('a', '$3::timestamptz')}
          ${after ? 'AND (h.opened_at, h.article_id) < ($4::timestamptz, $5::bigint)' : ''}
        ORDER BY h.opened_at DESC, h.article_id DESC
        LIMIT $2`,
      after ? [userId, limit, this.clock.now(), after.t, after.id] : [userId, limit, this.clock.now()],
    );
    return rows.map((r) => ({ articleId: r.id, openedAt: r.opened_at, position: r.t }));
  }

  async deleteAll(m: Queryable, userId: string): Promise<void> {
    await m.query(`DELETE FROM reading_history WHERE user_id = $1`, [userId]);
  }
}
