import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { FeedKeys } from '../../src/feed/feed-keys';
import { decodeRecords, RECORD_BYTES } from '../../src/feed/feed-record';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { REDIS } from '../../src/infra/redis/redis.module';
import { Newsroom } from '../support/newsroom';
import { eventually } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { exited, spawnWorker } from '../support/worker-process';

const FOLLOWERS = 20_000;

describe('fan-out survives a worker killed mid-way', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
  });
  afterAll(() => t.close());

  it('delivers the article exactly once to every follower after SIGKILL and a restart', async () => {
    const news = await Newsroom.open(t);
    const topic = await news.topic();
    const db = t.app.get(DataSource);
    const redis = t.app.get<Redis>(REDIS);
    const feedKeys = t.app.get(FeedKeys);

    const users: { id: string }[] = await db.query(
      `INSERT INTO users (email, password_hash, display_name)
       SELECT 'crash-' || g || '@example.test', 'x', 'Reader ' || g FROM generate_series(1, $1) g
       RETURNING id::text AS id`,
      [FOLLOWERS],
    );
    await db.query(
      `INSERT INTO follows (topic_id, user_id) SELECT t.id, u.id FROM topics t, users u
       WHERE t.slug = $1 AND u.email LIKE 'crash-%'`,
      [topic],
    );
    // Built (empty) feeds: fan-out writes only into feeds that exist.
    const pipeline = redis.pipeline();
    for (const { id } of users) pipeline.set(feedKeys.feed(id), '');
    await pipeline.exec();

    const article = await news.publish([topic]);
    const queue = t.app.get(JobProducer).queue(QUEUE.fanout);
    const slow = { FANOUT_CHUNK_SIZE: '10', WORKER_CONCURRENCY: '1' };

    const first = spawnWorker(t.config, slow);
    await eventually(async () => (await queue.getJobCounts('completed')).completed >= 200, { timeoutMs: 60_000, intervalMs: 10 });
    first.kill('SIGKILL');
    await exited(first);
    const midway = await queue.getJobCounts('waiting', 'completed');
    expect(midway.waiting).toBeGreaterThan(0);

    const second = spawnWorker(t.config, slow);
    try {
      await eventually(
        async () => {
          const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          return c.waiting + c.active + c.delayed + c.prioritized === 0;
        },
        { timeoutMs: 120_000, intervalMs: 200 },
      );
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }

    expect((await queue.getJobCounts('failed')).failed).toBe(0);
    const feeds = await Promise.all(users.map(({ id }) => redis.getBuffer(feedKeys.feed(id))));
    const copies = feeds.map((buf) => {
      let n = 0;
      for (let at = 0; buf && at < buf.length; at += RECORD_BYTES) if (buf.readUInt32BE(at) === Number(article.id)) n++;
      return n;
    });
    expect(copies.filter((n) => n !== 1)).toEqual([]);
    expect(decodeRecords(feeds[0]).map((r) => r.articleId)).toEqual([Number(article.id)]);
  });
});
