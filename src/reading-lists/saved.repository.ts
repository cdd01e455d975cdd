import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { publishedAndDue } from '../feed-rules/feed-rule';
import { Clock } from '../infra/clock/clock';

export interface SavedRow {
  articleId: string;
  savedAt: Date;
  /** saved_at to the microsecond, for an exact keyset cursor. */
  position: string;
}

/** The saved_articles table: the reader's saved stories. */
@Injectable()
export class SavedRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Saves a published, due article; a repeat keeps the first saved_at. False when nothing was added. */
  async insertIfVisible(userId: string, articleId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO saved_articles (user_id, article_id)
       SELECT $1, a.id FROM articles a WHERE a.id = $2 AND ${publishedAndDue.sql('a', '$3::timestamptz')}
       ON CONFLICT (user_id, article_id) DO NOTHING
       RETURNING 1`,
      [userId, articleId, this.clock.now()],
    );
    return rows.length > 0;
  }

  async delete(userId: string, articleId: string): Promise<void> {
    await this.db.query(`DELETE FROM saved_articles WHERE user_id = $1 AND article_id = $2`, [userId, articleId]);
  }

  /** Newest save first, strictly after `after`; articles no longer published are left out. */
  async page(userId: string, limit: number, after?: { t: string; id: string }): Promise<SavedRow[]> {
    const rows: { id: string; saved_at: Date; t: string }[] = await this.db.query(
      `SELECT s.article_id::text AS id, s.saved_at,
              to_char(s.saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
         FROM saved_articles s JOIN articles a ON a.id = s.article_id
        WHERE s.user_id = $1 AND ${publishedAndDue.sql('a', '$3::timestamptz')}
          ${after ? 'AND (s.saved_at, s.article_id) < ($4::timestamptz, $5::bigint)' : ''}
        ORDER BY s.saved_at DESC, s.article_id DESC
        LIMIT $2`,
      after ? [userId, limit, this.clock.now(), after.t, after.id] : [userId, limit, this.clock.now()],
    );
    return rows.map((r) => ({ articleId: r.id, savedAt: r.saved_at, position: r.t }));
  }
}
