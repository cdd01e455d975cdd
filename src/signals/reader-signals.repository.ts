import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../infra/database/queryable';

export type ReaderSignalRow =
  | { kind: 'hidden'; id: string; score: null; updated_at: null }
  | { kind: 'opened'; id: string; score: null; updated_at: null }
  | { kind: 'affinity'; id: string; score: number; updated_at: Date };

/**
 * A reader's signals as one unit (a read model over signals/' own tables: article_hides, reading_history,
 * topic_affinities): the lock that serialises their writes, and the reads that want all three in one round trip.
 */
@Injectable()
export class ReaderSignalsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Serialises the writes of one reader's signals (ingestion folds, history resets) for the rest of the
   * transaction, so that two folds never read the same affinity and a reset is never undone by a fold.
   */
  async lock(m: Queryable, userId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('reader-signals:' || $1::text, 0))`, [userId]);
  }

  /**
   * Hides and opens among article ids in [minId, maxId] (the id range rather than 800 ids as an array
   * parameter, whose encoding was ~4% of a read; extra rows in the range are harmless), the affinities
   * when `withRanking`.
   */
  inRange(userId: string, minId: number, maxId: number, withRanking: boolean): Promise<ReaderSignalRow[]> {
    return this.db.query(
      `SELECT 'hidden' AS kind, article_id::text AS id, NULL::float8 AS score, NULL::timestamptz AS updated_at
         FROM article_hides WHERE user_id = $1 AND article_id BETWEEN $2 AND $3
       UNION ALL
       SELECT 'opened', article_id::text, NULL, NULL FROM reading_history WHERE $4 AND user_id = $1 AND article_id BETWEEN $2 AND $3
       UNION ALL
       SELECT 'affinity', topic_id::text, score, updated_at FROM topic_affinities WHERE $4 AND user_id = $1`,
      [userId, minId, maxId, withRanking],
    );
  }

  /** The newest `limit` hides and opens (by article id) and every affinity: what a reader's state keeps (reader-state/). */
  newest(userId: string, limit: number): Promise<ReaderSignalRow[]> {
    return this.db.query(
      `(SELECT 'hidden' AS kind, article_id::text AS id, NULL::float8 AS score, NULL::timestamptz AS updated_at
          FROM article_hides WHERE user_id = $1 ORDER BY article_id DESC LIMIT $2)
       UNION ALL
       (SELECT 'opened', article_id::text, NULL, NULL FROM reading_history WHERE user_id = $1 ORDER BY article_id DESC LIMIT $2)
       UNION ALL
       SELECT 'affinity', topic_id::text, score, updated_at FROM topic_affinities WHERE user_id = $1`,
      [userId, limit],
    );
  }
}
