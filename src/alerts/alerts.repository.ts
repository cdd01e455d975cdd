import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ArticlePriority } from '../articles/article.entity';
import { mutesNoTopic } from '../feed-rules/feed-rule';

export type AlertReasonType = 'breaking' | 'topic';

/** An article as alerts see it: its topics in display order and its priority. */
export interface AlertedArticle {
  topicIds: readonly string[];
  priority: ArticlePriority;
}

/** Followers of an article's topics are alerted only when it is breaking; readers who chose a topic, always. */
const alertsFollowers = (article: AlertedArticle): boolean => article.priority === 'breaking';

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

/** An alert as its chunk sends it on: `fresh` when just made, `push` while its push jobs are not yet enqueued. */
export interface MadeAlert extends NewAlert {
  topic: { slug: string; name: string } | null;
  fresh: boolean;
  push: boolean;
}

interface MadeAlertRow {
  id: string;
  user_id: string;
  reason_type: AlertReasonType;
  reason_topic_id: string;
  topic_slug: string | null;
  topic_name: string | null;
  fresh: boolean;
  push: boolean;
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
   * The readers an article may alert, in user-id ranges of about `size` candidates each: the readers who
   * chose one of its topics and, only when it is breaking, its topics' followers (createForRange's two
   * branches; a normal article's followers can never be alerted, so they are not scanned). The chunk job
   * applies the exact rule.
   */
  async candidateRanges(article: AlertedArticle, size: number): Promise<{ after: string; last: string }[]> {
    const rows: { first: string; last: string }[] = await this.db.query(
      `WITH c AS (
         SELECT user_id FROM follows WHERE $3 AND topic_id = ANY($1::bigint[])
         UNION SELECT user_id FROM alert_topics WHERE topic_id = ANY($1::bigint[])
       ), n AS (SELECT user_id, (row_number() OVER (ORDER BY user_id) - 1) / $2 AS chunk FROM c)
       SELECT min(user_id)::text AS first, max(user_id)::text AS last FROM n GROUP BY chunk ORDER BY chunk`,
      [article.topicIds, size, alertsFollowers(article)],
    );
    return rows.map((r) => ({ after: (BigInt(r.first) - 1n).toString(), last: r.last }));
  }

  /**
   * Creates the alerts of one article for the readers in (after, last]: breaking and a followed topic
   * (unless the reader turned breaking off), or a topic the reader chose; never with a muted topic, never
   * for `excluded` (muted words), never twice (the unique key). The reason is breaking before topic, then
   * the article's first such topic.
   *
   * One statement: it returns the new alerts and, beside them, this range's alerts an earlier attempt
   * made but did not finish (`fresh` false): those still undispatched and, on a rerun (`rerun`: the job
   * started before and may have died before publishing), every one of this article in the range. An alert
   * whose reader has no push subscription is finished once published, so it is inserted `dispatched`; the
   * others (`push`) stay undispatched until their push jobs are enqueued (markDispatched).
   */
  async createForRange(
    article: AlertedArticle & { id: string },
    range: { after: string; last: string },
    excluded: readonly string[],
    now: Date,
    rerun: boolean,
  ): Promise<MadeAlert[]> {
    const rows: MadeAlertRow[] = await this.db.query(
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
           INSERT INTO alerts (user_id, article_id, reason_type, reason_topic_id, created_at, dispatched)
           SELECT p.user_id, $1, p.reason_type, p.topic_id, $7,
                  NOT EXISTS (SELECT 1 FROM push_subscriptions ps WHERE ps.user_id = p.user_id)
             FROM pick p ORDER BY p.user_id
           ON CONFLICT (user_id, article_id) DO NOTHING
           RETURNING id, user_id, reason_type, reason_topic_id, dispatched
         ),
         -- The statement's snapshot predates its own inserts: these are only an earlier attempt's rows.
         unfinished AS (
           SELECT id, user_id, reason_type, reason_topic_id, dispatched FROM alerts
            WHERE article_id = $1 AND user_id > $4 AND user_id <= $5 ${rerun ? '' : 'AND NOT dispatched'}
         ),
         out AS (
           SELECT id, user_id, reason_type, reason_topic_id, true AS fresh, NOT dispatched AS push FROM made
           UNION ALL
           SELECT id, user_id, reason_type, reason_topic_id, false, NOT dispatched FROM unfinished
         )
         SELECT o.id::text AS id, o.user_id::text AS user_id, o.reason_type, o.reason_topic_id::text AS reason_topic_id,
                o.fresh, o.push, tp.slug AS topic_slug, tp.name AS topic_name
           FROM out o LEFT JOIN topics tp ON tp.id = o.reason_topic_id
          ORDER BY o.id`,
      [article.id, article.topicIds, alertsFollowers(article), range.after, range.last, excluded, now],
    );
    return rows.map((r): MadeAlert => ({
      id: r.id,
      userId: r.user_id,
      articleId: article.id,
      reasonType: r.reason_type,
      reasonTopicId: r.reason_topic_id,
      topic: r.topic_slug === null ? null : { slug: r.topic_slug, name: r.topic_name! },
      fresh: r.fresh,
      push: r.push,
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
