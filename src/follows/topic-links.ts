import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../infra/http/app-error';

/** Follows and mutes are both (user, topic) pairs with a per-user cap; these run the shared SQL. */
export type LinkTable = 'follows' | 'mutes';

export const MAX_LINKS_PER_USER = 1000;

export interface Link {
  topicId: string;
  createdAt: Date;
}

export interface LinkResult {
  createdAt: Date;
  changed: boolean;
}

/**
 * Adds the pair inside the caller's transaction. The user's row is locked first so that
 * concurrent requests of one user are counted one after another and cannot pass the cap together.
 */
export async function insertLink(
  manager: EntityManager,
  table: LinkTable,
  userId: string,
  topicId: string,
  overLimit: () => AppError,
): Promise<LinkResult> {
  const user: unknown[] = await manager.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  if (!user.length) {
    throw new AppError(401, 'UNAUTHORIZED', 'The account of this token no longer exists.', undefined, {
      'www-authenticate': 'Bearer',
    });
  }
  const inserted: { created_at: Date }[] = await manager.query(
    `INSERT INTO ${table} (user_id, topic_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING created_at`,
    [userId, topicId],
  );
  if (inserted.length) {
    const [{ n }]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [userId]);
    if (n > MAX_LINKS_PER_USER) throw overLimit();
    return { createdAt: inserted[0].created_at, changed: true };
  }
  const existing: { created_at: Date }[] = await manager.query(`SELECT created_at FROM ${table} WHERE user_id = $1 AND topic_id = $2`, [
    userId,
    topicId,
  ]);
  return { createdAt: existing[0].created_at, changed: false };
}

/** Removes the pair inside the caller's transaction; true when there was one. */
export async function deleteLink(manager: EntityManager, table: LinkTable, userId: string, topicId: string): Promise<boolean> {
  const [{ n }]: { n: number }[] = await manager.query(
    `WITH removed AS (DELETE FROM ${table} WHERE user_id = $1 AND topic_id = $2 RETURNING 1)
     SELECT count(*)::int AS n FROM removed`,
    [userId, topicId],
  );
  return n > 0;
}

/** All of a user's pairs, newest first (at most MAX_LINKS_PER_USER). */
export async function listLinks(dataSource: DataSource, table: LinkTable, userId: string): Promise<Link[]> {
  const rows: { topic_id: string; created_at: Date }[] = await dataSource.query(
    `SELECT topic_id::text AS topic_id, created_at FROM ${table} WHERE user_id = $1 ORDER BY created_at DESC, topic_id DESC`,
    [userId],
  );
  return rows.map((row) => ({ topicId: row.topic_id, createdAt: row.created_at }));
}
