import type { DataSource } from 'typeorm';
import { CardCacheService } from '../../src/articles/card-cache.service';
import { writeWeight } from '../../src/ranking/feed-score';
import type { RankingParams } from '../../src/ranking/ranking-parameters';
import { encodeRecords } from '../../src/feed/feed-record';
import type { BenchEnv } from './bench-env';
import { followByResidue, insertTopic, insertUsers, UserRange } from './dataset';
import { copyInto } from './feed-fill';

export interface Story {
  id: number;
  publishedAtSec: number;
  priority: 'normal' | 'breaking';
  topics: number[];
}

/** Topics and published articles inserted in SQL, with their cards already in the card cache. */
export interface Newsroom {
  topicIds: string[];
  stories: Story[];
}

// Articles are spread over the last week, one every 150 s; one in 20 is breaking, one in 4 carries a second topic.
const SPACING_SECONDS = 150;

export async function buildNewsroom(env: BenchEnv, topicCount: number, articleCount: number): Promise<Newsroom> {
  const db = env.db;
  const topicIds: string[] = [];
  for (let t = 0; t < topicCount; t++) topicIds.push((await insertTopic(db, `news-${String(t + 1).padStart(2, '0')}`)).id);

  const rows: { id: string; at: number; priority: Story['priority']; g: number }[] = await db.query(
    `INSERT INTO articles (slug, headline, summary, body, image_url, image_caption, authors, status, priority, published_at)
     SELECT 'bench-story-' || g,
            'Bench story ' || g || ': council approves the new riverside tram line after a long public debate',
            '["The council voted 31 to 12 for the line.", "Works start in spring and should take two years."]'::jsonb,
            'Body of bench story ' || g || '.',
            'https://img.example.test/stories/' || g || '.jpg',
            'The riverside at dusk, where the line will run',
            '["Ada Reporter", "Ben Editor"]'::jsonb,
            'published',
            CASE WHEN g % 20 = 0 THEN 'breaking' ELSE 'normal' END,
            date_trunc('second', now()) - interval '1 minute' - (($1::int - g) * $2::int) * interval '1 second'
     FROM generate_series(1, $1::int) g
     RETURNING id::text AS id, extract(epoch FROM published_at)::float8 AS at, priority,
               substring(slug FROM 13)::int AS g`,
    [articleCount, SPACING_SECONDS],
  );
  const stories: Story[] = rows.map((r) => ({
    id: Number(r.id),
    publishedAtSec: Math.floor(r.at),
    priority: r.priority,
    topics: r.g % 4 === 0 ? [r.g % topicCount, (r.g + 7) % topicCount] : [r.g % topicCount],
  }));
  const links = stories.flatMap((s, i) => s.topics.map((t, position) => ({ s, t, position, at: rows[i].at })));
  await db.query(
    `INSERT INTO article_topics (article_id, topic_id, position, published_at, listed)
     SELECT a, t, p, to_timestamp(at), true
     FROM unnest($1::bigint[], $2::bigint[], $3::smallint[], $4::float8[]) AS x(a, t, p, at)`,
    [links.map((l) => l.s.id), links.map((l) => topicIds[l.t]), links.map((l) => l.position), links.map((l) => l.at)],
  );
  await warmCards(
    env,
    stories.map((s) => String(s.id)),
  );
  return { topicIds, stories };
}

async function warmCards(env: BenchEnv, ids: string[]): Promise<void> {
  const cards = env.app.get(CardCacheService);
  for (let at = 0; at < ids.length; at += 500) await cards.getMany(ids.slice(at, at + 500));
}

/** The window a rebuild would produce for these followed topics: the newest `max`, oldest first. */
export function windowFor(newsroom: Newsroom, topics: number[], max: number, params: RankingParams): Buffer {
  const followed = new Set(topics);
  const picked = newsroom.stories
    .filter((s) => s.topics.some((t) => followed.has(t)))
    .sort((a, b) => a.publishedAtSec - b.publishedAtSec || a.id - b.id)
    .slice(-max);
  return encodeRecords(
    picked.map((s) => ({ articleId: s.id, publishedAtSec: s.publishedAtSec, lnWeight: writeWeight(s.priority, params) })),
  );
}

/** Deterministic follow patterns: pattern p is `perReader` distinct topics. */
export function followPatterns(count: number, perReader: number, topicCount: number): number[][] {
  let seed = 0x9e3779b9;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => {
    const picked = new Set<number>();
    while (picked.size < Math.min(perReader, topicCount)) picked.add(Math.floor(next() * topicCount));
    return [...picked];
  });
}

/**
 * Readers whose follows (reader id mod patterns.length picks the pattern) are in Postgres and whose
 * feeds are already full in Redis, exactly as a rebuild would have written them.
 */
export async function insertReaders(
  env: BenchEnv,
  newsroom: Newsroom,
  count: number,
  patterns: number[][],
  tag: string,
): Promise<UserRange> {
  const users = await insertUsers(env.db, count, tag);
  for (let p = 0; p < patterns.length; p++) {
    await followByResidue(
      env.db,
      patterns[p].map((t) => newsroom.topicIds[t]),
      users,
      patterns.length,
      p,
    );
  }
  await refreshFollowerCounts(env.db);
  const params = { tauSeconds: env.config.RANK_TAU_SECONDS, breakingBoost: env.config.RANK_BREAKING_BOOST };
  const templateKeys = patterns.map((_, p) => env.key('tpl', tag, p));
  const pipeline = env.redis.pipeline();
  patterns.forEach((topics, p) => pipeline.set(templateKeys[p], windowFor(newsroom, topics, env.config.FEED_MAX_ITEMS, params)));
  await pipeline.exec();
  const ids = Array.from({ length: count }, (_, i) => users.first + i);
  await copyInto(
    env.redis,
    ids.map((id) => env.feedKeys.feed(String(id))),
    (i) => templateKeys[ids[i] % patterns.length],
  );
  await env.redis.unlink(...templateKeys);
  return users;
}

async function refreshFollowerCounts(db: DataSource): Promise<void> {
  await db.query(`UPDATE topics t SET follower_count = (SELECT count(*) FROM follows f WHERE f.topic_id = t.id)`);
}
