import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface FeedMarker {
  articleId: string;
  publishedAt: Date;
  updatedAt: Date;
}

interface Row {
  article_id: string;
  published_at: Date;
  updated_at: Date;
}

const toMarker = (r: Row): FeedMarker => ({ articleId: r.article_id, publishedAt: r.published_at, updatedAt: r.updated_at });

/** The feed_markers table: one marker per account, moving only forward. */
@Injectable()
export class FeedMarkersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Moves the marker to this article when it is newer in (published_at, id) order than the current one (or there is
   * none); answers the marker as it stands after the statement. One statement, so two logins racing keep the newer.
   */
  async advance(userId: string, articleId: string, publishedAt: Date, now: Date): Promise<FeedMarker> {
    const rows: Row[] = await this.db.query(
      `WITH moved AS (
         INSERT INTO feed_markers AS fm (user_id, article_id, published_at, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET article_id = EXCLUDED.article_id, published_at = EXCLUDED.published_at,
           updated_at = EXCLUDED.updated_at
         WHERE (fm.published_at, fm.article_id) < (EXCLUDED.published_at, EXCLUDED.article_id)
         RETURNING article_id::text, published_at, updated_at)
       SELECT * FROM moved
       UNION ALL SELECT article_id::text, published_at, updated_at FROM feed_markers
         WHERE user_id = $1 AND NOT EXISTS (SELECT 1 FROM moved)`,
      [userId, articleId, publishedAt, now],
    );
    return toMarker(rows[0]);
  }

  async of(userId: string): Promise<FeedMarker | null> {
    const rows: Row[] = await this.db.query(`SELECT article_id::text, published_at, updated_at FROM feed_markers WHERE user_id = $1`, [
      userId,
    ]);
    return rows.length ? toMarker(rows[0]) : null;
  }
}
