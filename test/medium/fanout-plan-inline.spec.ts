import type { DataSource } from 'typeorm';
import { FanoutChunkService } from '../../src/fanout/fanout-chunk.service';
import { FanoutPlannerService } from '../../src/fanout/fanout-planner.service';
import { FeedKeys } from '../../src/feed/feed-keys';
import { FeedStore } from '../../src/feed/feed-store';
import { AppConfig } from '../../src/infra/config/app-config';
import type { JobPayloads } from '../../src/infra/queues/job-catalogue';
import { REDIS } from '../../src/infra/redis/redis.module';
import type { RedisClient } from '../../src/infra/redis/redis';
import { openMediumApp, MediumApp } from '../support/medium-app';
import { insert } from '../support/medium-db';
import { chunkUsers } from '../../src/fanout/chunk-users';

// Above the planner's first page (2,000), so the plan cuts chunks from two pages.
const FOLLOWERS = 2500;

describe('fan-out plan writes the chunks of its first followers itself', () => {
  let m: MediumApp;
  let config: AppConfig;

  beforeAll(async () => {
    m = await openMediumApp();
    config = m.app.get(AppConfig);
  });
  afterAll(() => m.close());

  /** FOLLOWERS active followers of a new topic, each with a built (empty) feed, and an article of the topic. */
  async function followersWithFeeds(db: DataSource, slug: string): Promise<{ users: string[]; articleId: string }> {
    const topicId = await insert.topic(db, slug);
    const rows: { id: string }[] = await db.query(
      `WITH u AS (
         INSERT INTO users (email, password_hash, display_name, last_active_at)
         SELECT $3 || '-' || g || '@example.test', 'x', 'Reader', now() FROM generate_series(1, $1::int) g RETURNING id)
       INSERT INTO follows (user_id, topic_id) SELECT id, $2 FROM u RETURNING user_id::text AS id`,
      [FOLLOWERS, topicId, slug],
    );
    const users = rows.map((r) => r.id);
    const redis = m.app.get<RedisClient>(REDIS);
    const keys = m.app.get(FeedKeys);
    const pipeline = redis.pipeline();
    for (const id of users) pipeline.set(keys.feed(id), '');
    await pipeline.exec();
    const articleId = await insert.article(db, { publishedAt: new Date(m.clock.nowMs() - 1000), topicIds: [topicId] });
    return { users, articleId };
  }

  async function copiesPerFeed(users: string[], articleId: string): Promise<number[]> {
    const store = m.app.get(FeedStore);
    const feeds = await Promise.all(users.map((id) => store.read(id)));
    return feeds.map((records) => (records ?? []).filter((r) => r.articleId === Number(articleId)).length);
  }

  const chunkJobs = () =>
    m.jobs
      .take()
      .filter((j) => j.name === 'fanout.chunk')
      .map((j) => j.payload as JobPayloads['fanout.chunk']);

  const watermarkChunks = async () => Number((await m.db.query(`SELECT coalesce(sum(chunks), 0) AS n FROM fanout_watermarks`))[0].n);

  it('within the budget: every follower once, no chunk job, each chunk counted once', async () => {
    config.FANOUT_INLINE_FOLLOWERS = 10_000;
    const { users, articleId } = await followersWithFeeds(m.db, 'inline-all');
    const counted = await watermarkChunks();

    const result = await m.app.get(FanoutPlannerService).plan({ articleId, version: 1 });

    expect(chunkJobs()).toEqual([]);
    expect(result).toEqual({
      followers: FOLLOWERS,
      chunks: result.chunks,
      inline: { chunks: result.chunks, written: FOLLOWERS, firstAtMs: expect.any(Number) },
    });
    expect((await copiesPerFeed(users, articleId)).filter((n) => n !== 1)).toEqual([]);
    expect((await watermarkChunks()) - counted).toBe(result.chunks);
  });

  it('past the budget the rest go out as chunk jobs: between them every follower once', async () => {
    config.FANOUT_INLINE_FOLLOWERS = 1000;
    const { users, articleId } = await followersWithFeeds(m.db, 'inline-part');

    const result = await m.app.get(FanoutPlannerService).plan({ articleId, version: 1 });
    const jobs = chunkJobs();

    expect(result.inline!.written).toBeGreaterThanOrEqual(1000);
    expect(jobs.length).toBeGreaterThan(0);
    expect(result.inline!.chunks + jobs.length).toBe(result.chunks);
    expect(result.inline!.written + jobs.flatMap((c) => chunkUsers(c)).length).toBe(FOLLOWERS);
    for (const job of jobs) await m.app.get(FanoutChunkService).write(job);
    expect((await copiesPerFeed(users, articleId)).filter((n) => n !== 1)).toEqual([]);
  });

  it('a retry that writes itself what an earlier attempt enqueued (and partly ran) writes each chunk once', async () => {
    const { users, articleId } = await followersWithFeeds(m.db, 'inline-retry');
    const planner = m.app.get(FanoutPlannerService);
    const chunks = m.app.get(FanoutChunkService);

    // The first attempt enqueued every chunk, and half of them ran before the worker died.
    config.FANOUT_INLINE_FOLLOWERS = 0;
    await planner.plan({ articleId, version: 1 });
    const first = chunkJobs();
    const ran = first.filter((_, i) => i % 2 === 0);
    for (const job of ran) await chunks.write(job);

    // The retry, with a budget that covers all followers, writes only the chunks that had not run.
    config.FANOUT_INLINE_FOLLOWERS = 10_000;
    const retry = await planner.plan({ articleId, version: 1 });
    expect(chunkJobs()).toEqual([]);
    expect(retry.inline!.written).toBe(FOLLOWERS - ran.flatMap((c) => chunkUsers(c)).length);

    // The first attempt's jobs still queued run after it: all repeats.
    for (const job of first.filter((j) => !ran.includes(j))) expect(await chunks.write(job)).toEqual({ written: 0, repeat: true });
    expect((await copiesPerFeed(users, articleId)).filter((n) => n !== 1)).toEqual([]);
  });
});
