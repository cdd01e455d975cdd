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
   * The affinities for any of `topicIds` of the users in (after, last], by user: one range query per fan-out
   * page (the primary key's user_id prefix).
   */
  async ofUserRange(after: string, last: string, topicIds: string[]): Promise<Map<string, StoredAffinityRow[]>> {
    type Row = { user_id: string; topic_id: string; score: number; updated_at: Date };
    const rows = await onReplica<Row[]>(this.db, (replica) =>
      replica.query(
        `SELECT user_id::text AS user_id, topic_id::text AS topic_id, score, updated_at FROM topic_affinities
          WHERE user_id > $1 AND user_id <= $2 AND topic_id = ANY($3::bigint[])`,
        [after, last, topicIds],
      ),
    );
    const byUser = new Map<string, StoredAffinityRow[]>();
    for (const r of rows) {
      const learned = byUser.get(r.user_id) ?? [];
      byUser.set(r.user_id, learned);
      learned.push({ topicId: r.topic_id, score: r.score, updatedAt: r.updated_at });
    }
    return byUser;
  }
}
