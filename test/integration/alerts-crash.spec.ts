import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { Newsroom } from '../support/newsroom';
import { eventually } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { exited, spawnWorker } from '../support/worker-process';

const READERS = 20_000;

describe('alert creation survives a worker killed mid-way', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const queueIdle = (queue: Queue) =>
    eventually(
      async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return c.waiting + c.active + c.delayed + c.prioritized === 0;
      },
      { timeoutMs: 180_000, intervalMs: 200 },
    );

  it('makes exactly one alert per reader after SIGKILL and a second worker', async () => {
    const news = await Newsroom.open(t);
    const topic = await news.topic();
    const tag = topic.slice(-8);
    await db.query(
      `INSERT INTO users (email, password_hash, display_name)
       SELECT $2 || '-' || g || '@example.test', 'x', 'Reader ' || g FROM generate_series(1, $1) g`,
      [READERS, tag],
    );
    await db.query(
      `INSERT INTO follows (topic_id, user_id) SELECT t.id, u.id FROM topics t, users u WHERE t.slug = $1 AND u.email LIKE $2`,
      [topic, `${tag}-%`],
    );
    const article = await news.publish([topic], { priority: 'breaking' });
    const alerts = t.app.get(JobProducer).queue(QUEUE.alerts);
    const slow = { ALERT_CHUNK_SIZE: '50', WORKER_CONCURRENCY: '1' };

    const first = spawnWorker(t.config, slow);
    await eventually(async () => (await alerts.getJobCounts('completed')).completed >= 100, { timeoutMs: 90_000, intervalMs: 10 });
    first.kill('SIGKILL');
    await exited(first);
    const midway = await alerts.getJobCounts('waiting', 'active');
    expect(midway.waiting + midway.active).toBeGreaterThan(0);
    const [{ made }] = await db.query(`SELECT count(*)::int AS made FROM alerts WHERE article_id = $1`, [article.id]);
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(READERS);

    const second = spawnWorker(t.config, { ...slow, WORKER_CONCURRENCY: '4' });
    try {
      await queueIdle(alerts);
      await queueIdle(t.app.get(JobProducer).queue(QUEUE.fanout));
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }

    expect((await alerts.getJobCounts('failed')).failed).toBe(0);
    const [counts] = await db.query(
      `SELECT count(*)::int AS alerts, count(DISTINCT user_id)::int AS readers, count(*) FILTER (WHERE NOT dispatched)::int AS unsent
         FROM alerts WHERE article_id = $1`,
      [article.id],
    );
    expect(counts).toEqual({ alerts: READERS, readers: READERS, unsent: 0 });
  });
});
