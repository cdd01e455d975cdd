import type { DataSource } from 'typeorm';

export interface UserRange {
  first: number;
  last: number;
}

export const idsOf = (range: UserRange): string[] =>
  Array.from({ length: range.last - range.first + 1 }, (_, i) => String(range.first + i));

/** Inserts `count` readers in one statement; their ids come out contiguous (one identity sequence, no other writer). */
export async function insertUsers(db: DataSource, count: number, tag: string): Promise<UserRange> {
  const [row] = await db.query<{ first: number; last: number; n: number }[]>(
    `WITH ins AS (
       INSERT INTO users (email, password_hash, display_name)
       SELECT $2 || '-' || g || '@bench.test', 'x', 'Reader ' || g FROM generate_series(1, $1::int) g
       RETURNING id)
     SELECT min(id)::int AS first, max(id)::int AS last, count(*)::int AS n FROM ins`,
    [count, tag],
  );
  if (row.n !== count || row.last - row.first + 1 !== count) throw new Error(`user ids of "${tag}" are not contiguous`);
  return { first: row.first, last: row.last };
}

export async function insertTopic(db: DataSource, slug: string): Promise<{ id: string; slug: string }> {
  const [row] = await db.query<{ id: string }[]>(`INSERT INTO topics (slug, name) VALUES ($1, $2) RETURNING id::text AS id`, [
    slug,
    `Bench ${slug}`,
  ]);
  return { id: row.id, slug };
}

/** Every user of the range follows the topic. */
export async function followAll(db: DataSource, topicId: string, users: UserRange): Promise<void> {
  await db.query(`INSERT INTO follows (topic_id, user_id) SELECT $1, id FROM users WHERE id BETWEEN $2 AND $3`, [
    topicId,
    users.first,
    users.last,
  ]);
  await db.query(`UPDATE topics SET follower_count = follower_count + $2 WHERE id = $1`, [topicId, users.last - users.first + 1]);
}

/** Users with id ≡ residue (mod modulus) follow each of the topics. */
export async function followByResidue(
  db: DataSource,
  topicIds: string[],
  users: UserRange,
  modulus: number,
  residue: number,
): Promise<void> {
  await db.query(
    `INSERT INTO follows (topic_id, user_id)
     SELECT t, u.id FROM users u, unnest($1::bigint[]) t
     WHERE u.id BETWEEN $2 AND $3 AND u.id % $4 = $5`,
    [topicIds, users.first, users.last, modulus, residue],
  );
}

export async function analyze(db: DataSource): Promise<void> {
  await db.query('ANALYZE users, follows, topics, articles, article_topics');
}
