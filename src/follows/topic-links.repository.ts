import type { DataSource } from 'typeorm';
import type { Queryable } from '../infra/database/queryable';

/** Follows and mutes are both (user, topic) pairs with a per-user cap; this runs the SQL they share. */
export type LinkTable = 'follows' | 'mutes';

export const MAX_LINKS_PER_USER = 1000;

export interface Link {
  topicId: string;
  createdAt: Date;
}

export interface LinkResult {
  createdAt: Date;
  changed: boolean;
  /** The user's pairs after the insert (only counted when one was added). */
  count: number;
}

export abstract class TopicLinksRepository {
  protected abstract readonly table: LinkTable;

  constructor(protected readonly db: DataSource) {}

  /** Adds the pair inside the caller's transaction (which has locked the user's row, see UsersRepository.lockForUpdate). */
  async insert(m: Queryable, userId: string, topicId: string): Promise<LinkResult> {
    const inserted: { created_at: Date }[] = await m.query(
      `INSERT INTO ${this.table} (user_id, topic_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING created_at`,
      [userId, topicId],
    );
    if (inserted.length) {
      const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM ${this.table} WHERE user_id = $1`, [userId]);
      return { createdAt: inserted[0].created_at, changed: true, count: n };
    }
    const existing: { created_at: Date }[] = await m.query(`SELECT created_at FROM ${this.table} WHERE user_id = $1 AND topic_id = $2`, [
      userId,
      topicId,
    ]);
    return { createdAt: existing[0].created_at, changed: false, count: 0 };
  }

  /** Removes the pair inside the caller's transaction; true when there was one. */
  async delete(m: Queryable, userId: string, topicId: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await m.query(
      `WITH removed AS (DELETE FROM ${this.table} WHERE user_id = $1 AND topic_id = $2 RETURNING 1)
       SELECT count(*)::int AS n FROM removed`,
      [userId, topicId],
    );
    return n > 0;
  }

  /** All of a user's pairs, newest first (at most MAX_LINKS_PER_USER). */
  async list(userId: string): Promise<Link[]> {
    const rows: { topic_id: string; created_at: Date }[] = await this.db.query(
      `SELECT topic_id::text AS topic_id, created_at FROM ${this.table} WHERE user_id = $1 ORDER BY created_at DESC, topic_id DESC`,
      [userId],
    );
    return rows.map((row) => ({ topicId: row.topic_id, createdAt: row.created_at }));
  }
}
