import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { followsATopic, mutesNoTopic } from '../feed-rules/feed-rule';
import type { Queryable } from '../infra/database/queryable';
import { onReplica } from '../infra/database/replica';
import { TopicLinksRepository } from './topic-links.repository';
import type { TopicGraph } from './topic-graph';
import { ascendingIds } from './ascending-ids';

const MAX_BIGINT = '9223372036854775807';

export interface FollowerPage {
  /** Followers who get the article: active lately and muting none of its topics; ascending. */
  ids: string[];
  /** Follows read (a follower of two of the topics counts twice); fewer than the limit means the scan is over. */
  scanned: number;
  last: string;
}

/**
 * The first `$4` follows of the topics `$1` in ($2, $5], by user id. For one topic, the range scan of the follows
 * primary key itself; for several, the union of one such scan per topic, in which a follower of two topics appears
 * twice (the users lookup, `id = ANY(...)`, takes each id once).
 */
function followsInRange(topicCount: number): string {
  if (topicCount === 1)
    return `SELECT user_id FROM follows WHERE topic_id = ($1::bigint[])[1] AND user_id > $2 AND user_id <= $5 ORDER BY user_id LIMIT $4`;
  return `SELECT l.user_id FROM unnest($1::bigint[]) t(id)
          CROSS JOIN LATERAL (
            SELECT user_id FROM follows WHERE topic_id = t.id AND user_id > $2 AND user_id <= $5 ORDER BY user_id LIMIT $4
          ) l
          ORDER BY l.user_id LIMIT $4`;
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
   * The next follows of the topics after `after` (ascending, at most `limit`, none above `upTo`), and which of their
   * users get the article: active lately and muting none of its topics. One row comes back: the page's count and last
   * id, and the delivered ids as one comma-joined string (20,000 rows cost Postgres and the driver far more). Users
   * are looked up by id (`= ANY`, one index descent each: a scan of the id range read every user between two
   * followers); the muters of the topics within the page are read once into a hash, not probed per follower.
   * Together 1.5-4x less Postgres CPU per follower: docs/performance.md, "Fan-out: the follower page (issue 12,
   * session 8)".
   */
  async followerPage(topicIds: string[], after: string, activeSince: Date, limit: number, upTo?: string): Promise<FollowerPage> {
    if (!topicIds.length) return { ids: [], scanned: 0, last: after };
    const [page] = await onReplica<{ scanned: number; last: string | null; ids: string }[]>(this.db, (replica) =>
      replica.query(
        `WITH c AS MATERIALIZED (${followsInRange(topicIds.length)}),
              scan AS (SELECT count(*)::int AS scanned, max(user_id) AS last FROM c)
         SELECT scan.scanned, scan.last::text AS last,
                -- string_agg reads the sorted sub-select in its order (users_pkey order: no sort node).
                (SELECT coalesce(string_agg(d.id::text, ','), '') FROM (
                   SELECT u.id FROM users u
                   WHERE u.id = ANY(ARRAY(SELECT user_id FROM c)) AND u.last_active_at >= $3
                     AND ${mutesNoTopic.inUserRangeSql('u.id', '$1::bigint[]', '$2', '(SELECT max(user_id) FROM c)')}
                   ORDER BY u.id) d) AS ids
         FROM scan`,
        [topicIds, after, activeSince, limit, upTo ?? MAX_BIGINT],
      ),
    );
    if (!page.scanned) return { ids: [], scanned: 0, last: after };
    return { ids: page.ids === '' ? [] : ascendingIds(page.ids.split(',')), scanned: page.scanned, last: page.last! };
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
