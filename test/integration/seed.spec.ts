import { verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/infra/config/app-config';
import { dataSourceOptions } from '../../src/infra/database/data-source-options';
import { prepareDatabase } from '../../src/infra/database/prepare-database';
import { SEED_ARTICLES, SEED_STORY, SEED_STORY_KEY } from '../../seeds/articles';
import { checkSeedData } from '../../seeds/check-seed-data';
import { runSeed, seedExternalId, type SeedSummary } from '../../seeds/run-seed';
import { SEED_TOPICS } from '../../seeds/topics';
import { DEMO_PASSWORD, SEED_USERS } from '../../seeds/users';
import { removeTestData, testConfig } from '../support/test-app';

// Every table the seed writes, with the key that orders its rows.
const SEEDED_TABLES: Record<string, string> = {
  topics: 'id',
  users: 'id',
  follows: 'topic_id, user_id',
  articles: 'id',
  article_topics: 'article_id, topic_id',
};

interface TableState {
  rows: number;
  checksum: string;
}

/** Row count and md5 of every row (xmin included, so a rewrite with equal values also shows). */
async function snapshot(dataSource: DataSource): Promise<Record<string, TableState>> {
  const state: Record<string, TableState> = {};
  for (const [table, key] of Object.entries(SEEDED_TABLES)) {
    const order = key
      .split(', ')
      .map((column) => `r.${column}`)
      .join(', ');
    const [row]: { rows: number; checksum: string }[] = await dataSource.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(r.xmin::text || ':' || r::text, '|' ORDER BY ${order}), '')) AS checksum
         FROM ${table} r`,
    );
    state[table] = row;
  }
  return state;
}

describe('seed', () => {
  let config: AppConfig;
  let dataSource: DataSource;
  let first: SeedSummary;
  let second: SeedSummary;
  let afterFirst: Record<string, TableState>;
  let afterSecond: Record<string, TableState>;

  beforeAll(async () => {
    config = testConfig();
    await prepareDatabase(config.DATABASE_URL);
    dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL));
    await dataSource.initialize();
    first = await runSeed(dataSource);
    afterFirst = await snapshot(dataSource);
    second = await runSeed(dataSource);
    afterSecond = await snapshot(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await removeTestData(config);
  });

  it('has consistent data: known topics, parents first, the seed story newest in its topic', () => {
    expect(checkSeedData()).toEqual([]);
  });

  it('creates every topic, user and article on a fresh database', () => {
    expect(first.topics).toEqual({ created: SEED_TOPICS.length, updated: 0, unchanged: 0 });
    expect(first.users).toEqual({ created: SEED_USERS.length, existing: 0 });
    expect(first.articles).toEqual({ created: SEED_ARTICLES.length, existing: 0 });
    expect(first.follows.created).toBe(SEED_USERS.reduce((n, u) => n + u.follows.length, 0));
    expect(afterFirst.articles.rows).toBe(SEED_ARTICLES.length);
    expect(afterFirst.article_topics.rows).toBe(SEED_ARTICLES.reduce((n, a) => n + a.topics.length, 0));
  });

  it('changes no row when run a second time', () => {
    expect(second).toEqual({
      topics: { created: 0, updated: 0, unchanged: SEED_TOPICS.length },
      users: { created: 0, existing: SEED_USERS.length },
      follows: { created: 0 },
      articles: { created: 0, existing: SEED_ARTICLES.length },
    });
    expect(afterSecond).toEqual(afterFirst);
  });

  it('files the seed story under us-china-relations first, then drugs & public health', async () => {
    const topics: { slug: string; position: number; listed: boolean }[] = await dataSource.query(
      `SELECT t.slug, at.position, at.listed
         FROM articles a JOIN article_topics at ON at.article_id = a.id JOIN topics t ON t.id = at.topic_id
        WHERE a.external_id = $1 ORDER BY at.position`,
      [seedExternalId(SEED_STORY.slug)],
    );
    expect(topics).toEqual([
      { slug: 'us-china-relations', position: 0, listed: true },
      { slug: 'drugs-public-health', position: 1, listed: true },
    ]);
  });

  it('makes the seed story the newest article of us-china-relations', async () => {
    const newest: { headline: string; external_id: string; status: string }[] = await dataSource.query(
      `SELECT a.headline, a.external_id, a.status
         FROM article_topics at JOIN topics t ON t.id = at.topic_id JOIN articles a ON a.id = at.article_id
        WHERE t.slug = 'us-china-relations' AND at.listed
        ORDER BY at.published_at DESC, at.article_id DESC LIMIT 1`,
    );
    expect(newest).toEqual([
      {
        headline: 'US, China launch working group to address opioid crisis',
        external_id: seedExternalId(SEED_STORY.slug),
        status: 'published',
      },
    ]);
  });

  it('puts the seed story in a running story with at least two related articles', async () => {
    const rows: { external_id: string; story_key: string }[] = await dataSource.query(
      `SELECT a.external_id, a.story_key FROM articles a
        WHERE a.status = 'published'
          AND a.story_key = (SELECT story_key FROM articles WHERE external_id = $1)`,
      [seedExternalId(SEED_STORY.slug)],
    );
    expect(rows.map((r) => r.story_key)).toEqual(rows.map(() => SEED_STORY_KEY));
    expect(rows.map((r) => r.external_id)).toContain(seedExternalId(SEED_STORY.slug));
    expect(rows.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses seed data with a malformed storyKey', () => {
    const bad = { ...SEED_STORY, slug: 'bad-story-key', storyKey: 'Not A Key' };
    expect(checkSeedData({ topics: SEED_TOPICS, users: SEED_USERS, articles: [...SEED_ARTICLES, bad] })).toEqual([
      'article bad-story-key: bad storyKey',
      'article bad-story-key: must be older than the seed story in us-china-relations',
    ]);
  });

  it("copies each article's publish time into its topic rows, all within the last three days", async () => {
    const [row]: { mismatched: number; oldest_hours: number; newest_hours: number }[] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE at.published_at <> a.published_at)::int AS mismatched,
              max(extract(epoch FROM now() - a.published_at) / 3600)::float AS oldest_hours,
              min(extract(epoch FROM now() - a.published_at) / 3600)::float AS newest_hours
         FROM articles a JOIN article_topics at ON at.article_id = a.id`,
    );
    expect(row.mismatched).toBe(0);
    expect(row.newest_hours).toBeGreaterThan(0);
    expect(row.oldest_hours).toBeLessThanOrEqual(73);
  });

  it('lets the demo reader sign in with the demo password and follow us-china-relations', async () => {
    const [reader]: { id: string; role: string; password_hash: string }[] = await dataSource.query(
      `SELECT id::text, role, password_hash FROM users WHERE email = 'reader@mynews.local'`,
    );
    expect(reader.role).toBe('reader');
    expect(reader.password_hash).toMatch(/^\$argon2id\$/);
    await expect(verify(reader.password_hash, DEMO_PASSWORD)).resolves.toBe(true);
    const follows: { slug: string }[] = await dataSource.query(
      `SELECT t.slug FROM follows f JOIN topics t ON t.id = f.topic_id WHERE f.user_id = $1 ORDER BY t.slug`,
      [reader.id],
    );
    expect(follows.map((f) => f.slug)).toEqual(expect.arrayContaining(['us-china-relations', 'hong-kong', 'tech']));
  });

  it("sets every topic's follower count to its number of followers", async () => {
    const counts: { slug: string; follower_count: number; followers: number }[] = await dataSource.query(
      `SELECT t.slug, t.follower_count, (SELECT count(*) FROM follows f WHERE f.topic_id = t.id)::int AS followers FROM topics t`,
    );
    expect(counts.filter((c) => c.follower_count !== c.followers)).toEqual([]);
    expect(counts.find((c) => c.slug === 'us-china-relations')?.follower_count).toBeGreaterThanOrEqual(1);
  });

  it('restores a seeded topic that was changed since, and touches nothing else', async () => {
    await dataSource.query(`UPDATE topics SET description = 'edited' WHERE slug = 'hong-kong'`);
    const before = await snapshot(dataSource);
    const summary = await runSeed(dataSource);
    const after = await snapshot(dataSource);
    expect(summary.topics).toEqual({ created: 0, updated: 1, unchanged: SEED_TOPICS.length - 1 });
    const [topic]: { description: string }[] = await dataSource.query(`SELECT description FROM topics WHERE slug = 'hong-kong'`);
    expect(topic.description).toBe(SEED_TOPICS.find((t) => t.slug === 'hong-kong')?.description);
    expect({ ...after, topics: undefined }).toEqual({ ...before, topics: undefined });
  });
});
