import { jest } from '@jest/globals';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { FeedKeys } from '../../src/feed/feed-keys';
import { decodeRecords, type FeedRecord } from '../../src/feed/feed-record';
import { FeedStore } from '../../src/feed/feed-store';
import type { AppConfig } from '../../src/infra/config/app-config';
import { createRedisClient, type RedisClient } from '../../src/infra/redis/redis';
import { deleteKeys, keysMatching } from '../support/redis-keys';
import { RedisKeys } from '../../src/infra/redis/redis.module';
import { cli, useCliEnv } from '../support/cli-runner';
import { HttpClient } from '../support/http-client';
import { removeTestData, testConfig } from '../support/test-app';

const SEED_HEADLINE = 'US, China launch working group to address opioid crisis';

describe('cli feed:rebuild', () => {
  let config: AppConfig;
  let restoreEnv: () => void;
  let db: Client;
  let redis: RedisClient;
  let feedKeys: FeedKeys;
  let active: string[]; // ascending, numerically
  let inactive: string[];

  beforeAll(async () => {
    // A long half-life: affinities decay between two rebuilds a moment apart by less than float32 can show.
    config = testConfig({ RANK_AFFINITY_HALF_LIFE_HOURS: '8760' });
    restoreEnv = useCliEnv(config, { RANK_AFFINITY_HALF_LIFE_HOURS: '8760' });
    expect((await cli('seed')).exitCode).toBe(0);
    db = new Client({ connectionString: config.DATABASE_URL });
    await db.connect();
    redis = createRedisClient(config);
    feedKeys = new FeedKeys(new RedisKeys(config), config);
    // Enough readers for ids past 9 (keyset order must be numeric) and several pages; every third one inactive.
    await db.query(
      `INSERT INTO users (email, password_hash, display_name, role, last_active_at)
       SELECT 'rebuild-' || g || '@example.test', 'x', 'R', 'reader',
              CASE WHEN g % 3 = 0 THEN now() - interval '30 days' ELSE now() END
       FROM generate_series(1, 14) g`,
    );
    await db.query(
      `INSERT INTO follows (topic_id, user_id)
       SELECT t.id, u.id FROM users u JOIN topics t ON t.slug IN ('us-china-relations', 'hong-kong', 'tech')
       WHERE u.email LIKE 'rebuild-%'`,
    );
    const { rows } = await db.query(
      `SELECT id::text AS id, last_active_at > now() - interval '14 days' AS active FROM users ORDER BY users.id`,
    );
    active = rows.filter((r) => r.active).map((r) => r.id);
    inactive = rows.filter((r) => !r.active).map((r) => r.id);
    expect(active.length).toBeGreaterThan(10);
    expect(inactive.length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    restoreEnv();
    await db?.end();
    redis?.disconnect();
    await removeTestData(config);
  });

  /** What the read path would build: the user's followed, unmuted, published and due articles. */
  async function expectedFeed(userId: string): Promise<string[]> {
    const { rows } = await db.query(
      `SELECT DISTINCT a.id::text AS id FROM articles a
       JOIN article_topics at ON at.article_id = a.id
       JOIN follows f ON f.topic_id = at.topic_id AND f.user_id = $1
       WHERE a.status = 'published' AND a.published_at <= now()
         AND NOT EXISTS (SELECT 1 FROM article_topics m JOIN mutes mu ON mu.topic_id = m.topic_id AND mu.user_id = $1 WHERE m.article_id = a.id)
         AND NOT EXISTS (SELECT 1 FROM article_hides h WHERE h.user_id = $1 AND h.article_id = a.id)`,
      [userId],
    );
    return rows.map((r) => r.id).sort();
  }

  async function storedRecords(userId: string): Promise<FeedRecord[] | null> {
    const buf = await redis.getBuffer(feedKeys.feed(userId));
    return buf === null ? null : decodeRecords(buf);
  }

  async function storedFeed(userId: string): Promise<string[] | null> {
    return (await storedRecords(userId))?.map((r) => String(r.articleId)).sort() ?? null;
  }

  async function wipeFeeds(): Promise<void> {
    await deleteKeys(redis, await keysMatching(redis, `${config.REDIS_PREFIX}:feed:*`));
  }

  const usersWithFeeds = async (ids: string[]) =>
    (await Promise.all(ids.map(async (id) => ((await storedFeed(id)) ? id : null)))).filter((id): id is string => id !== null);

  it('--user restores a wiped feed, entry for entry, from Postgres', async () => {
    const { rows } = await db.query(`SELECT id::text AS id FROM users WHERE email = 'reader@mynews.local'`);
    const reader = rows[0].id as string;
    const [seedArticle] = (await db.query(`SELECT id::text AS id FROM articles WHERE headline = $1`, [SEED_HEADLINE])).rows;
    await wipeFeeds();
    expect(await storedFeed(reader)).toBeNull();

    const run = await cli('feed:rebuild', '--user', reader);

    expect(run.exitCode).toBe(0);
    const expected = await expectedFeed(reader);
    expect(expected).toContain(seedArticle.id);
    expect(await storedFeed(reader)).toEqual(expected);
    expect(run.out).toContain(`Rebuilt the feed of user ${reader}: ${expected.length} entries.`);
  });

  it('--user writes the same records as the read path rebuilding a lost feed: hides left out, affinities in the weights', async () => {
    const app = await createApp(config, { workers: false });
    try {
      const http = new HttpClient(app);
      const login = await http.post('/v1/auth/login', { email: 'reader2@mynews.local', password: 'mynews-demo' });
      expect(login.status).toBe(200);
      const { token, user } = { token: login.body.tokens.accessToken as string, user: login.body.user.id as string };
      const feed = await expectedFeed(user);
      const events = [
        ...feed.slice(0, 3).map((articleId) => ({ articleId, type: 'save' })),
        { articleId: feed[3], type: 'share' },
        { articleId: feed[4], type: 'hide' },
      ];
      expect((await http.post('/v1/feed/events', { events }, { token })).status).toBe(202);

      await wipeFeeds();
      expect((await http.get('/v1/feed', { token })).status).toBe(200);
      const byRead = (await storedRecords(user))!;
      await wipeFeeds();
      expect((await cli('feed:rebuild', '--user', user)).exitCode).toBe(0);
      const byCli = (await storedRecords(user))!;

      expect(byCli.map((r) => r.articleId)).toEqual(byRead.map((r) => r.articleId));
      expect(byCli.map((r) => r.publishedAtSec)).toEqual(byRead.map((r) => r.publishedAtSec));
      byCli.forEach((r, i) => expect(r.lnWeight).toBeCloseTo(byRead[i].lnWeight, 5));
      expect(byCli.map((r) => String(r.articleId))).not.toContain(feed[4]);
      expect(byCli.filter((r) => r.lnWeight > 0).length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('--user of an inactive reader rebuilds it and says that fan-out skips them', async () => {
    const run = await cli('feed:rebuild', '--user', inactive[0]);
    expect(run.exitCode).toBe(0);
    expect(await storedFeed(inactive[0])).toEqual(await expectedFeed(inactive[0]));
    expect(run.out).toContain('fan-out skips them');
  });

  it('refuses bad or missing arguments and writes nothing', async () => {
    await wipeFeeds();
    const unknown = await cli('feed:rebuild', '--user', '999999');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.err).toContain('error: there is no user with id 999999');
    const notAnId = await cli('feed:rebuild', '--user', 'abc');
    expect(notAnId.exitCode).toBe(1);
    expect(notAnId.err).toContain("option '--user <id>' argument 'abc' is invalid");
    const neither = await cli('feed:rebuild');
    expect(neither.exitCode).toBe(1);
    expect(neither.err).toContain('give either --user <id> or --all');
    const both = await cli('feed:rebuild', '--user', active[0], '--all');
    expect(both.exitCode).toBe(1);
    const afterAlone = await cli('feed:rebuild', '--user', active[0], '--after', active[1]);
    expect(afterAlone.exitCode).toBe(1);
    expect(afterAlone.err).toContain('--after and --resume go with --all');
    expect(await keysMatching(redis, `${config.REDIS_PREFIX}:feed:*`)).toEqual([]);
  });

  it('--all --after rebuilds exactly the active readers above that id, across keyset pages', async () => {
    await wipeFeeds();
    const after = active[3];

    const run = await cli('feed:rebuild', '--all', '--after', after, '--page-size', '3', '--batch', '2');

    expect(run.exitCode).toBe(0);
    const expected = active.slice(4);
    expect(run.out).toContain(`Rebuilding the feeds of ${expected.length} readers`);
    expect(run.out).toContain(`Done: ${expected.length} feeds rebuilt, the last user ${expected[expected.length - 1]}.`);
    expect(await usersWithFeeds([...active, ...inactive])).toEqual(expected);
    for (const id of expected) expect(await storedFeed(id)).toEqual(await expectedFeed(id));
  });

  it('Ctrl-C stops after the current user, names the last one done and leaves a checkpoint that --resume continues from', async () => {
    await wipeFeeds();
    const checkpointKey = `${config.REDIS_PREFIX}:cli:feed-rebuild:checkpoint`;
    const listenersBefore = process.listeners('SIGINT');
    const merge = FeedStore.prototype.merge;
    let merges = 0;
    // Ctrl-C as the third feed is written: only the command's own SIGINT listener is called.
    const spy = jest.spyOn(FeedStore.prototype, 'merge').mockImplementation(async function (this: FeedStore, ...args) {
      const written = await merge.apply(this, args);
      if (++merges === 3) {
        for (const listener of process.listeners('SIGINT')) {
          if (!listenersBefore.includes(listener)) (listener as (signal: string) => void)('SIGINT');
        }
      }
      return written;
    });
    let interrupted;
    try {
      interrupted = await cli('feed:rebuild', '--all', '--batch', '1', '--page-size', '2');
    } finally {
      spy.mockRestore();
    }

    expect(interrupted.err).toBe('\nStopping after the current batch (Ctrl-C again to stop at once)...');
    expect(interrupted.exitCode).toBe(130);
    expect(interrupted.out).toContain(`The last user done is ${active[2]}; continue with:`);
    expect(interrupted.out).toContain(`feed:rebuild --all --after ${active[2]}`);
    expect(await usersWithFeeds([...active, ...inactive])).toEqual(active.slice(0, 3));
    expect(JSON.parse((await redis.get(checkpointKey)) ?? '{}')).toMatchObject({ after: active[2] });
    expect(process.listeners('SIGINT')).toEqual(listenersBefore);

    const resumed = await cli('feed:rebuild', '--all', '--resume', '--page-size', '4');

    expect(resumed.exitCode).toBe(0);
    expect(resumed.out).toContain(`Rebuilding the feeds of ${active.length - 3} readers`);
    expect(resumed.out).toContain(`after user ${active[2]}`);
    expect(await usersWithFeeds([...active, ...inactive])).toEqual(active);
    expect(await redis.get(checkpointKey)).toBeNull();

    const again = await cli('feed:rebuild', '--all', '--resume');
    expect(again.exitCode).toBe(1);
    expect(again.err).toContain('there is no checkpoint to resume from');
  });
});
