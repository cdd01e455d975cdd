import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { followsATopic, mutesNoTopic } from '../feed-rules/feed-rule';
import type { Queryable } from '../infra/database/queryable';
import { onReplica } from '../infra/database/replica';
import { TopicLinksRepository } from './topic-links.repository';
import type { TopicGraph } from './topic-graph';

const MAX_BIGINT = '9223372036854775807';

export interface FollowerPage {
  /** Followers who get the article: active lately and muting none of its topics. */
  ids: string[];
  /** Followers read (delivered or not); fewer than the limit means the scan is over. */
  scanned: number;
  last: string;
}

/**
 * The follows table (and follower_count on topics, which moves with it): a reader's topic graph,
 * follower pages for the fan-out, and who among some readers follows some topics.
 */
@Injectable()
export class FollowsRepository extends TopicLinksRepository {
  protected readonly table = 'follows';

  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }

  /** The reader's follows and mutes in one round trip. */
  async topicGraph(userId: string): Promise<TopicGraph> {
    const rows: { topic_id: string; kind: 'follow' | 'mute' }[] = await this.db.query(
      `SELECT topic_id::text, 'follow' AS kind FROM follows WHERE user_id = $1
       UNION ALL SELECT topic_id::text, 'mute' AS kind FROM mutes WHERE user_id = $1`,
      [userId],
    );
    const graph: TopicGraph = { follows: new Set(), mutes: new Set() };
    for (const row of rows) (row.kind === 'follow' ? graph.follows : graph.mutes).add(row.topic_id);
    return graph;
  }

  async changeFollowerCount(m: Queryable, topicId: string, delta: 1 | -1): Promise<void> {
    await m.query(`UPDATE topics SET follower_count = follower_count + $2 WHERE id = $1`, [topicId, delta]);
  }

  /**
   * Removes all of a user's follows and their counts, inside the caller's transaction; deleting before
   * decrementing counts each follow exactly once even when an unfollow runs at the same time.
   */
  async deleteAllOf(m: Queryable, userId: string): Promise<void> {
    await m.query(
      `WITH gone AS (DELETE FROM follows WHERE user_id = $1 RETURNING topic_id)
       UPDATE topics SET follower_count = follower_count - 1 WHERE id IN (SELECT topic_id FROM gone)`,
      [userId],
    );
  }

  /** The lowest and highest id among the followers of `topicIds` (undefined when there are none): one index probe per end and topic. */
  async followerIdSpan(topicIds: string[]): Promise<{ min: string; max: string } | undefined> {
    if (!topicIds.length) return undefined;
    const [row] = await onReplica<{ min: string | null; max: string | null }[]>(this.db, (replica) =>
      replica.query(
        `SELECT min(s.lo)::text AS min, max(s.hi)::text AS max FROM unnest($1::bigint[]) t(id)
         CROSS JOIN LATERAL (SELECT min(user_id) AS lo, max(user_id) AS hi FROM follows WHERE topic_id = t.id) s`,
        [topicIds],
      ),
    );
    return row?.min && row.max ? { min: row.min, max: row.max } : undefined;
  }

  /**
   * The next `limit` followers of any of the topics after `after` (ascending), and which of them get
   * the article: active lately and muting none of its topics. Candidates come from one range scan of
   * the follows primary key per topic; users are read over the same id range, so a page costs the same
   * wherever the cursor is (joining users without that bound re-read users_pkey from id 1 on every page).
   * Followers in (after, upTo] in id order, at most `limit`; `upTo` bounds a range scanned beside others.
   */
  async followerPage(topicIds: string[], after: string, activeSince: Date, limit: number, upTo?: string): Promise<FollowerPage> {
    if (!topicIds.length) return { ids: [], scanned: 0, last: after };
    const rows = await onReplica<{ user_id: string; deliver: boolean }[]>(this.db, (replica) =>
      replica.query(
        `WITH c AS MATERIALIZED (
         SELECT DISTINCT l.user_id FROM unnest($1::bigint[]) t(id)
         CROSS JOIN LATERAL (
           SELECT user_id FROM follows WHERE topic_id = t.id AND user_id > $2 AND user_id <= $5 ORDER BY user_id LIMIT $4
         ) l
         ORDER BY l.user_id LIMIT $4
       )
       SELECT c.user_id::text AS user_id,
              u.last_active_at >= $3
                AND ${mutesNoTopic.sql('c.user_id', '$1::bigint[]')} AS deliver
       FROM c JOIN users u ON u.id = c.user_id AND u.id > $2 AND u.id <= (SELECT max(user_id) FROM c)
       ORDER BY c.user_id`,
        [topicIds, after, activeSince, limit, upTo ?? MAX_BIGINT],
      ),
    );
    if (!rows.length) return { ids: [], scanned: 0, last: after };
    return { ids: rows.filter((r) => r.deliver).map((r) => r.user_id), scanned: rows.length, last: rows[rows.length - 1].user_id };
  }

  /** Which of `topicIds` each of `userIds` follows (users following none are left out). */
  async followedAmong(userIds: string[], topicIds: string[]): Promise<Map<string, Set<string>>> {
    const rows = await onReplica<{ user_id: string; topic_id: string }[]>(this.db, (replica) =>
      replica.query(
        `SELECT user_id::text AS user_id, topic_id::text AS topic_id FROM follows
          WHERE user_id = ANY($1::bigint[]) AND topic_id = ANY($2::bigint[])`,
        [userIds, topicIds],
      ),
    );
    const byUser = new Map<string, Set<string>>();
    for (const r of rows) byUser.set(r.user_id, (byUser.get(r.user_id) ?? new Set<string>()).add(r.topic_id));
    return byUser;
  }

  /** Those of `userIds` who follow one of `topicIds` and mute none of them (the reader half of the feed rule). */
  async audience(userIds: string[], topicIds: string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT DISTINCT u.id::text AS user_id
       FROM unnest($1::bigint[]) AS u(id)
       WHERE ${followsATopic.sql('u.id', '$2::bigint[]')} AND ${mutesNoTopic.sql('u.id', '$2::bigint[]')}`,
      [userIds, topicIds],
    );
    return rows.map((r) => r.user_id);
  }
}
