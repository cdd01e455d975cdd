import { Injectable } from '@nestjs/common';
import type { Queryable } from '../infra/database/queryable';
import type { SignalType } from '../ranking/affinity';

export interface NewFeedEvent {
  articleId: string;
  type: SignalType;
  dwellMs: number | null;
  atMs: number;
}

/** The feed_events table: the append-only log of accepted reader events. */
@Injectable()
export class FeedEventsRepository {
  async append(m: Queryable, userId: string, events: NewFeedEvent[]): Promise<void> {
    await m.query(
      `INSERT INTO feed_events (user_id, article_id, type, dwell_ms, occurred_at)
       SELECT $1, e.article_id, e.type, e.dwell_ms, e.occurred_at
         FROM unnest($2::bigint[], $3::text[], $4::int[], $5::timestamptz[]) AS e(article_id, type, dwell_ms, occurred_at)`,
      [
        userId,
        events.map((e) => e.articleId),
        events.map((e) => e.type),
        events.map((e) => e.dwellMs),
        events.map((e) => new Date(e.atMs)),
      ],
    );
  }

  /** Forgets the events affinities are learned from; hides stay (an explicit choice, not a learned one). */
  async deleteLearned(m: Queryable, userId: string): Promise<void> {
    await m.query(`DELETE FROM feed_events WHERE user_id = $1 AND type <> 'hide'`, [userId]);
  }

  /** Retention: up to `limit` events received before `cutoff` (the BRIN index on received_at finds them); answers how many went. */
  async deleteReceivedBefore(m: Queryable, cutoff: Date, limit: number): Promise<number> {
    const rows: unknown[] = await m.query(
      `DELETE FROM feed_events WHERE id IN (SELECT id FROM feed_events WHERE received_at < $1 LIMIT $2) RETURNING 1`,
      [cutoff, limit],
    );
    return rows.length;
  }
}
