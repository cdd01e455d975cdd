import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FeedKeys } from '../../src/feed/feed-keys';
import { decodeRecords, RECORD_BYTES } from '../../src/feed/feed-record';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { createRedisClient, type RedisClient } from '../../src/infra/redis/redis';
import { Newsroom } from '../support/newsroom';
import { eventually } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { exited, spawnWorker } from '../support/worker-process';

const FOLLOWERS = 20_000;

describe('fan-out survives a worker killed mid-way', () => {
  let t: TestApp;

  // Setting up and reading 20,000 feeds at once is no request: a client of its own, without the
  // app's per-command timeout (a busy machine can take longer than that over such a batch).
  let bulk: RedisClient;
  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    bulk = createRedisClient(t.config, { commandTimeout: undefined });
  });
  afterAll(async () => {
    bulk.disconnect();
    await t.close();
  });

  async function followersWithBuiltFeeds(count: number) {
    const news = await Newsroom.open(t);
    const topic = await news.topic();
    const db = t.app.get(DataSource);
    const redis = bulk;
    const feedKeys = t.app.get(FeedKeys);

    const tag = topic.slice(-8);
    const users: { id: string }[] = await db.query(
      `INSERT INTO users (email, password_hash, display_name)
       SELECT $2 || '-' || g || '@example.test', 'x', 'Reader ' || g FROM generate_series(1, $1) g
       RETURNING id::text AS id`,
      [count, tag],
    );
    await db.query(
      `INSERT INTO follows (topic_id, user_id) SELECT t.id, u.id FROM topics t, users u
       WHERE t.slug = $1 AND u.email LIKE $2`,
      [topic, `${tag}-%`],
    );
    // Built (empty) feeds: fan-out writes only into feeds that exist.
    // Per bucket (one slot each), so it also runs on a cluster.
    const pipelines = new Map<number, ReturnType<RedisClient['pipeline']>>();
    for (const { id } of users) {
      const bucket = feedKeys.bucketOf(id);
      if (!pipelines.has(bucket)) pipelines.set(bucket, redis.pipeline());
      pipelines.get(bucket)!.set(feedKeys.feed(id), '');
    }
    await Promise.all([...pipelines.values()].map((pipeline) => pipeline.exec()));
    return { news, topic, users, redis, feedKeys };
  }

  const queueIdle = (queue: Queue) =>
    eventually(
      async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return c.waiting + c.active + c.delayed + c.prioritized === 0;
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    );

  async function copiesPerFeed(users: { id: string }[], articleId: string, redis: RedisClient, feedKeys: FeedKeys) {
    const feeds = await Promise.all(users.map(({ id }) => redis.getBuffer(feedKeys.feed(id))));
    return feeds.map((buf) => {
      let n = 0;
      for (let at = 0; buf && at < buf.length; at += RECORD_BYTES) if (buf.readUInt32BE(at) === Number(articleId)) n++;
      return n;
    });
  }

  // The plan writes the chunks of the first FANOUT_INLINE_FOLLOWERS (10,000) itself; the rest are jobs of 10.
  const slow = { FANOUT_CHUNK_SIZE: '10', WORKER_CONCURRENCY: '1' };

  /** A second worker process picks up what the first left and runs until the queue is idle. */
  async function drainWithFreshWorker(queue: Queue) {
    const worker = spawnWorker(t.config, slow);
    try {
      await queueIdle(queue);
    } finally {
      worker.kill('SIGTERM');
      await exited(worker);
    }
  }

  it('delivers the article exactly once to every follower after SIGKILL and a restart', async () => {
    const { news, topic, users, redis, feedKeys } = await followersWithBuiltFeeds(FOLLOWERS);
    const article = await news.publish([topic]);
    const queue = t.app.get(JobProducer).queue(QUEUE.fanout);

    const first = spawnWorker(t.config, slow);
    await eventually(async () => (await queue.getJobCounts('completed')).completed >= 200, { timeoutMs: 60_000, intervalMs: 10 });
    first.kill('SIGKILL');
    await exited(first);
    const midway = await queue.getJobCounts('waiting', 'completed');
    expect(midway.waiting).toBeGreaterThan(0);

    await drainWithFreshWorker(queue);

    expect((await queue.getJobCounts('failed')).failed).toBe(0);
    const copies = await copiesPerFeed(users, article.id, redis, feedKeys);
    expect(copies.filter((n) => n !== 1)).toEqual([]);
    expect(copies).toHaveLength(FOLLOWERS);
    expect(decodeRecords(await redis.getBuffer(feedKeys.feed(users[0].id))).map((r) => r.articleId)).toEqual([Number(article.id)]);
  });

  it('on SIGTERM a worker finishes its in-flight jobs and exits; the next one completes the fan-out', async () => {
    const { news, topic, users, redis, feedKeys } = await followersWithBuiltFeeds(5000);
    const article = await news.publish([topic]);
    const queue = t.app.get(JobProducer).queue(QUEUE.fanout);
    const completedBefore = (await queue.getJobCounts('completed')).completed;

    // Every chunk a job: SIGTERM must find chunk jobs in flight.
    const first = spawnWorker(t.config, { ...slow, FANOUT_INLINE_FOLLOWERS: '0' });
    await eventually(async () => (await queue.getJobCounts('completed')).completed >= completedBefore + 50, {
      timeoutMs: 60_000,
      intervalMs: 10,
    });
    first.kill('SIGTERM');
    await exited(first);
    const left = await queue.getJobCounts('active', 'waiting');
    expect(left.active).toBe(0);
    expect(left.waiting).toBeGreaterThan(0);

    await drainWithFreshWorker(queue);
    const copies = await copiesPerFeed(users, article.id, redis, feedKeys);
    expect(copies.filter((n) => n !== 1)).toEqual([]);
  });
});
