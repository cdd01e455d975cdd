import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../infra/database/queryable';
import { onReplica } from '../infra/database/replica';

export interface StoredAffinityRow {
  topicId: string;
  score: number;
  updatedAt: Date;
}

/** What the fan-out weighs a page of followers with: affinities for the article's topics, and which of those topics they follow. */
export interface FollowerAffinities {
  userId: string;
  follows: Set<string>;
  affinities: StoredAffinityRow[];
}

/** The topic_affinities table: a reader's learned weight per topic, as of updated_at (it decays from there). */
@Injectable()
export class AffinitiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async stored(m: Queryable, userId: string, topicIds: string[]): Promise<StoredAffinityRow[]> {
    const rows: { topic_id: string; score: number; updated_at: Date }[] = await m.query(
      `SELECT topic_id::text AS topic_id, score, updated_at FROM topic_affinities WHERE user_id = $1 AND topic_id = ANY($2::bigint[])`,
      [userId, topicIds],
    );
    return rows.map((r) => ({ topicId: r.topic_id, score: r.score, updatedAt: r.updated_at }));
  }

  async upsert(m: Queryable, userId: string, topicIds: string[], scores: number[], at: Date): Promise<void> {
    await m.query(
      `INSERT INTO topic_affinities (user_id, topic_id, score, updated_at)
       SELECT $1, a.topic_id, a.score, $4 FROM unnest($2::bigint[], $3::float8[]) AS a(topic_id, score)
       ON CONFLICT (user_id, topic_id) DO UPDATE SET score = EXCLUDED.score, updated_at = EXCLUDED.updated_at`,
      [userId, topicIds, scores, at],
    );
  }

  async deleteAll(m: Queryable, userId: string): Promise<void> {
    await m.query(`DELETE FROM topic_affinities WHERE user_id = $1`, [userId]);
  }

  /**
   * The users in (after, last] with an affinity for any of `topicIds`, each with those affinities and which
   * of the topics they follow: one range query per fan-out page (the primary key's user_id prefix).
   */
  async ofFollowerRange(after: string, last: string, topicIds: string[]): Promise<FollowerAffinities[]> {
    type Row = { user_id: string; topic_id: string; score: number | null; updated_at: Date | null };
    const rows = await onReplica<Row[]>(this.db, (replica) =>
      replica.query(
        `WITH learned AS (
         SELECT user_id, topic_id, score, updated_at FROM topic_affinities
          WHERE user_id > $1 AND user_id <= $2 AND topic_id = ANY($3::bigint[])
       )
       SELECT user_id::text AS user_id, topic_id::text AS topic_id, score, updated_at FROM learned
       UNION ALL
       SELECT f.user_id::text, f.topic_id::text, NULL, NULL FROM follows f
        WHERE f.user_id IN (SELECT user_id FROM learned) AND f.topic_id = ANY($3::bigint[])`,
        [after, last, topicIds],
      ),
    );
    const byUser = new Map<string, FollowerAffinities>();
    for (const r of rows) {
      const user = byUser.get(r.user_id) ?? { userId: r.user_id, follows: new Set<string>(), affinities: [] };
      byUser.set(r.user_id, user);
      if (r.score === null) user.follows.add(r.topic_id);
      else user.affinities.push({ topicId: r.topic_id, score: r.score, updatedAt: r.updated_at! });
    }
    return [...byUser.values()];
  }
}
