import type { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../src/auth/password-hasher.service';
import { normalizeEmail } from '../src/users/user-input';
import { SEED_DATA, checkSeedData, type SeedData } from './check-seed-data';
import { DEMO_PASSWORD } from './users';

export interface SeedSummary {
  topics: { created: number; updated: number; unchanged: number };
  users: { created: number; existing: number };
  follows: { created: number };
  articles: { created: number; existing: number };
}

// Any constant works; it keeps two seeds from interleaving (and from computing two time anchors).
const SEED_LOCK_KEY = 7_262_012;
const EXTERNAL_ID_PREFIX = 'seed:';

export const seedExternalId = (slug: string): string => `${EXTERNAL_ID_PREFIX}${slug}`;

// Placeholder photos, one stable picture per article, for articles whose data has a caption.
const placeholderImageUrl = (slug: string): string => `https://picsum.photos/seed/${slug}/1200/675`;

/**
 * Writes the seed data to Postgres, idempotently: a second run changes no row. Feeds in Redis
 * need nothing here; they are rebuilt from Postgres on first read. The seed stories' cached
 * members do: the commands drop them after this (`drop-story-caches.ts`).
 */
export async function runSeed(dataSource: DataSource, data: SeedData = SEED_DATA): Promise<SeedSummary> {
  const problems = checkSeedData(data);
  if (problems.length) throw new Error(`The seed data is inconsistent:\n  ${problems.join('\n  ')}`);
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const topics = await upsertTopics(manager, data);
    const users = await insertUsers(manager, data);
    const follows = await insertFollows(manager, data);
    await recountFollowers(manager, data);
    const articles = await insertArticles(manager, data);
    return { topics, users, follows, articles };
  });
}

async function upsertTopics(manager: EntityManager, data: SeedData): Promise<SeedSummary['topics']> {
  const summary = { created: 0, updated: 0, unchanged: 0 };
  for (const topic of data.topics) {
    // The WHERE leaves an unchanged topic untouched (no new row version, no updated_at bump).
    const rows: { inserted: boolean }[] = await manager.query(
      `INSERT INTO topics (slug, name, description, parent_id)
       VALUES ($1, $2, $3, (SELECT id FROM topics WHERE slug = $4))
       ON CONFLICT (slug) DO UPDATE
         SET name = EXCLUDED.name, description = EXCLUDED.description, parent_id = EXCLUDED.parent_id, updated_at = now()
         WHERE (topics.name, topics.description, topics.parent_id)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.parent_id)
       RETURNING (xmax = 0) AS inserted`,
      [topic.slug, topic.name, topic.description, topic.parentSlug ?? null],
    );
    if (!rows.length) summary.unchanged++;
    else if (rows[0].inserted) summary.created++;
    else summary.updated++;
  }
  return summary;
}

async function insertUsers(manager: EntityManager, data: SeedData): Promise<SeedSummary['users']> {
  const emails = data.users.map((u) => normalizeEmail(u.email));
  const existing: { email: string }[] = await manager.query('SELECT email FROM users WHERE email = ANY($1::text[])', [emails]);
  const known = new Set(existing.map((r) => r.email));
  const hasher = new PasswordHasher();
  let created = 0;
  for (const user of data.users) {
    const email = normalizeEmail(user.email);
    if (known.has(email)) continue; // an existing account keeps its password
    const passwordHash = await hasher.hash(DEMO_PASSWORD);
    const rows: unknown[] = await manager.query(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, passwordHash, user.displayName, user.role],
    );
    created += rows.length;
  }
  return { created, existing: data.users.length - created };
}

async function insertFollows(manager: EntityManager, data: SeedData): Promise<SeedSummary['follows']> {
  let created = 0;
  for (const user of data.users) {
    const rows: unknown[] = await manager.query(
      `INSERT INTO follows (topic_id, user_id)
       SELECT t.id, u.id FROM users u CROSS JOIN topics t WHERE u.email = $1 AND t.slug = ANY($2::text[])
       ON CONFLICT DO NOTHING RETURNING topic_id`,
      [normalizeEmail(user.email), user.follows],
    );
    created += rows.length;
  }
  return { created };
}

async function recountFollowers(manager: EntityManager, data: SeedData): Promise<void> {
  await manager.query(
    `UPDATE topics t SET follower_count = c.n
     FROM (SELECT s.id, (SELECT count(*) FROM follows f WHERE f.topic_id = s.id)::int AS n
           FROM topics s WHERE s.slug = ANY($1::text[])) c
     WHERE t.id = c.id AND t.follower_count <> c.n`,
    [data.topics.map((t) => t.slug)],
  );
}

async function insertArticles(manager: EntityManager, data: SeedData): Promise<SeedSummary['articles']> {
  // Publish times count back from the first seed, so re-running (even with new articles) keeps them in step.
  const [{ anchor }]: { anchor: string }[] = await manager.query(
    `SELECT date_trunc('second', coalesce(min(created_at), now()))::text AS anchor FROM articles WHERE external_id LIKE $1`,
    [`${EXTERNAL_ID_PREFIX}%`],
  );
  let created = 0;
  for (const article of data.articles) {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO articles (external_id, slug, headline, summary, body, image_url, image_caption, authors, status, priority, published_at, story_key)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8::jsonb, 'published', $9, $10::timestamptz - make_interval(secs => $11), $12)
       ON CONFLICT (external_id) DO NOTHING RETURNING id`,
      [
        seedExternalId(article.slug),
        article.slug,
        article.headline,
        JSON.stringify(article.summary),
        article.paragraphs.join('\n\n'),
        article.imageCaption ? placeholderImageUrl(article.slug) : null,
        article.imageCaption ?? null,
        JSON.stringify(article.authors),
        article.priority ?? 'normal',
        anchor,
        Math.round(article.hoursAgo * 3600),
        article.storyKey ?? null,
      ],
    );
    if (!rows.length) continue; // exists: its topics are whatever editors have made them since
    created++;
    await manager.query(
      `INSERT INTO article_topics (article_id, topic_id, position, published_at, listed)
       SELECT a.id, t.id, s.ord - 1, a.published_at, true
       FROM articles a
       CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS s(slug, ord)
       JOIN topics t ON t.slug = s.slug
       WHERE a.id = $1`,
      [rows[0].id, article.topics],
    );
  }
  return { created, existing: data.articles.length - created };
}
