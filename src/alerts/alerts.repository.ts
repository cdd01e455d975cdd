import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { mutesNoTopic } from '../feed-rules/feed-rule';

export type AlertReasonType = 'breaking' | 'topic';

export interface AlertRow {
  id: string;
  articleId: string;
  reasonType: AlertReasonType;
  reasonTopicId: string;
  createdAt: Date;
  read: boolean;
  pushed: boolean;
}

export interface NewAlert {
  id: string;
  userId: string;
  articleId: string;
  reasonType: AlertReasonType;
  reasonTopicId: string;
}

interface AlertDbRow {
  id: string;
  user_id: string;
  article_id: string;
  reason_type: AlertReasonType;
  reason_topic_id: string;
  created_at: Date;
  read: boolean;
  pushed: boolean;
}

// A retracted (or otherwise unpublished) article's alerts vanish from lists and counts at once: filtered
// here at read time, not deleted, so nothing has to run when an article is retracted.
const VISIBLE = `EXISTS (SELECT 1 FROM articles a WHERE a.id = al.article_id AND a.status = 'published')`;

/** The alerts table: one row per reader and article, ever. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Newest first (ids grow with creation); `before` is the last id of the previous page. */
  async page(userId: string, limit: number, before: string | undefined): Promise<AlertRow[]> {
    const rows: AlertDbRow[] = await this.db.query(
      `SELECT al.id::text AS id, al.article_id::text AS article_id, al.reason_type, al.reason_topic_id::text AS reason_topic_id,
              al.created_at, al.read, al.pushed
         FROM alerts al
        WHERE al.user_id = $1 AND ($2::bigint IS NULL OR al.id < $2) AND ${VISIBLE}
        ORDER BY al.id DESC LIMIT $3`,
      [userId, before ?? null, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      reasonType: r.reason_type,
      reasonTopicId: r.reason_topic_id,
      createdAt: r.created_at,
      read: r.read,
      pushed: r.pushed,
    }));
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM alerts al WHERE al.user_id = $1 AND NOT al.read AND ${VISIBLE}`,
      [userId],
    );
    return n;
  }

  /** The article ids of the reader's unread alerts (those the count counts). */
  async unreadArticleIds(userId: string): Promise<string[]> {
    const rows: { article_id: string }[] = await this.db.query(
      `SELECT al.article_id::text AS article_id FROM alerts al WHERE al.user_id = $1 AND NOT al.read AND ${VISIBLE}`,
      [userId],
    );
    return rows.map((r) => r.article_id);
  }

  async exists(userId: string, alertId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM alerts WHERE user_id = $1 AND id = $2`, [userId, alertId]);
    return rows.length > 0;
  }

  /** Marks the reader's alerts up to this id (all when null) read. */
  async markRead(userId: string, upTo: string | null): Promise<void> {
    await this.db.query(`UPDATE alerts SET read = true WHERE user_id = $1 AND NOT read AND ($2::bigint IS NULL OR id <= $2)`, [
      userId,
      upTo,
    ]);
  }

  /**
   * The readers an article may alert, in user-id ranges of about `size` candidates each: its topics'
   * followers and the readers who chose one of its topics. The chunk job applies the exact rule.
   */
  async candidateRanges(topicIds: readonly string[], size: number): Promise<{ after: string; last: string }[]> {
    const rows: { first: string; last: string }[] = await this.db.query(
      `WITH c AS (
         SELECT user_id FROM follows WHERE topic_id = ANY($1::bigint[])
         UNION SELECT user_id FROM alert_topics WHERE topic_id = ANY($1::bigint[])
       ), n AS (SELECT user_id, (row_number() OVER (ORDER BY user_id) - 1) / $2 AS chunk FROM c)
       SELECT min(user_id)::text AS first, max(user_id)::text AS last FROM n GROUP BY chunk ORDER BY chunk`,
      [topicIds, size],
    );
    return rows.map((r) => ({ after: (BigInt(r.first) - 1n).toString(), last: r.last }));
  }

  /**
   * Creates the alerts of one article for the readers in (after, last]: breaking and a followed topic
   * (unless the reader turned breaking off), or a topic the reader chose; never with a muted topic, never
   * for `excluded` (muted words), never twice (the unique key). The reason is breaking before topic, then
   * the article's first such topic. Returns how many were created.
   */
  async createForRange(
    article: { id: string; topicIds: readonly string[]; breaking: boolean },
    range: { after: string; last: string },
    excluded: readonly string[],
    now: Date,
  ): Promise<number> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `WITH t AS (SELECT topic_id, position FROM unnest($2::bigint[]) WITH ORDINALITY AS x(topic_id, position)),
       cand AS (
         SELECT f.user_id, 'breaking' AS reason_type, t.topic_id, t.position, 0 AS rank
           FROM follows f JOIN t ON t.topic_id = f.topic_id
          WHERE $3 AND f.user_id > $4 AND f.user_id <= $5
            AND NOT EXISTS (SELECT 1 FROM alert_settings s WHERE s.user_id = f.user_id AND NOT s.breaking)
         UNION ALL
         SELECT at.user_id, 'topic', t.topic_id, t.position, 1
           FROM alert_topics at JOIN t ON t.topic_id = at.topic_id
          WHERE at.user_id > $4 AND at.user_id <= $5
       ),
       pick AS (
         SELECT DISTINCT ON (c.user_id) c.user_id, c.reason_type, c.topic_id FROM cand c
          WHERE c.user_id <> ALL($6::bigint[]) AND ${mutesNoTopic.sql('c.user_id', '$2::bigint[]')}
          ORDER BY c.user_id, c.rank, c.position
       ),
       made AS (
         INSERT INTO alerts (user_id, article_id, reason_type, reason_topic_id, created_at)
         SELECT user_id, $1, reason_type, topic_id, $7 FROM pick ORDER BY user_id
         ON CONFLICT (user_id, article_id) DO NOTHING RETURNING 1
       )
       SELECT count(*)::int AS n FROM made`,
      [article.id, article.topicIds, article.breaking, range.after, range.last, excluded, now],
    );
    return n;
  }

  /** Alerts of this article in the range not yet sent on to streams and push (a retried chunk finds them again). */
  async undispatched(articleId: string, range: { after: string; last: string }): Promise<NewAlert[]> {
    const rows: AlertDbRow[] = await this.db.query(
      `SELECT id::text AS id, user_id::text AS user_id, article_id::text AS article_id, reason_type, reason_topic_id::text AS reason_topic_id
         FROM alerts WHERE article_id = $1 AND user_id > $2 AND user_id <= $3 AND NOT dispatched`,
      [articleId, range.after, range.last],
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      articleId: r.article_id,
      reasonType: r.reason_type,
      reasonTopicId: r.reason_topic_id,
    }));
  }

  async markDispatched(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.db.query(`UPDATE alerts SET dispatched = true WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Pushes of these readers in the 24 hours before `now` (maxPerDay counts them). */
  async pushesSince(userIds: readonly string[], since: Date): Promise<Map<string, number>> {
    const rows: { user_id: string; n: number }[] = await this.db.query(
      `SELECT user_id::text AS user_id, count(*)::int AS n FROM alerts WHERE user_id = ANY($1::bigint[]) AND pushed AND pushed_at > $2 GROUP BY user_id`,
      [userIds, since],
    );
    return new Map(rows.map((r) => [r.user_id, r.n]));
  }

  /** Ids among these that were already marked pushed (a retried chunk must not count them against the limit again). */
  async alreadyPushed(ids: readonly string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.db.query(`SELECT id::text AS id FROM alerts WHERE id = ANY($1::bigint[]) AND pushed`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  async markPushed(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length)
      await this.db.query(`UPDATE alerts SET pushed = true, pushed_at = $2 WHERE id = ANY($1::bigint[]) AND NOT pushed`, [ids, at]);
  }

  /** What a push carries: the alert with its article's headline; undefined when gone or the article is no longer published. */
  async pushable(
    alertId: string,
  ): Promise<{ id: string; userId: string; articleId: string; headline: string; reasonType: AlertReasonType } | undefined> {
    const [row]: { id: string; user_id: string; article_id: string; headline: string; reason_type: AlertReasonType }[] =
      await this.db.query(
        `SELECT al.id::text AS id, al.user_id::text AS user_id, al.article_id::text AS article_id, a.headline, al.reason_type
         FROM alerts al JOIN articles a ON a.id = al.article_id WHERE al.id = $1 AND a.status = 'published'`,
        [alertId],
      );
    return row && { id: row.id, userId: row.user_id, articleId: row.article_id, headline: row.headline, reasonType: row.reason_type };
  }
}
