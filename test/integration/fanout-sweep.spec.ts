import type { INestApplicationContext } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import type { RedisClient } from '../../src/infra/redis/redis';
import { createInterface } from 'node:readline';
import { createWorker } from '../../src/app.factory';
import { FanoutSweep } from '../../src/fanout/fanout-sweep.service';
import { FeedKeys } from '../../src/feed/feed-keys';
import { decodeRecords } from '../../src/feed/feed-record';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { RETRYING_WORKER_SETTINGS } from '../../src/infra/queues/job-retry-policy';
import { QUEUE_CLUSTER, queueConnection } from '../../src/infra/queues/queue-connection';
import { queuePrefix } from '../../src/infra/queues/queues.module';
import { REDIS } from '../../src/infra/redis/redis.module';
import { Newsroom } from '../support/newsroom';
import { eventually } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { exited, spawnWorker } from '../support/worker-process';

describe('fan-outs that never completed', () => {
  let t: TestApp;
  let news: Newsroom;
  let worker: INestApplicationContext | null = null;

  beforeAll(async () => {
    t = await startTestApp({ workers: false });
    news = await Newsroom.open(t);
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
  });
  afterAll(() => t.close());

  /** A follower with a built (empty) feed, and an article of their topic whose plan job is waiting. */
  async function publishedForOneFollower() {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const redis = t.app.get<RedisClient>(REDIS);
    const feedKey = t.app.get(FeedKeys).feed(reader.user.id);
    await redis.set(feedKey, '');
    const article = await news.publish([topic]);
    const job = await t.app.get(JobProducer).queue(QUEUE.fanout).getJob(`plan.${article.id}.v1`);
    expect(job).toBeDefined();
    const inFeed = async () => decodeRecords(await redis.getBuffer(feedKey)).some((r) => r.articleId === Number(article.id));
    return { article, job: job!, inFeed };
  }

  it('retries a plan job that failed for good (its retries outlasted by an outage), and the follower gets the article', async () => {
    const { job, inFeed } = await publishedForOneFollower();
    // As if a dead Postgres used up every attempt: the job fails for good.
    const failing = new Worker(QUEUE.fanout, () => Promise.reject(new UnrecoverableError('connect ECONNREFUSED 127.0.0.1:5432')), {
      connection: queueConnection(t.config, t.app.get(QUEUE_CLUSTER)),
      prefix: queuePrefix(t.config),
      settings: RETRYING_WORKER_SETTINGS,
    });
    try {
      await eventually(() => job.isFailed());
    } finally {
      await failing.close();
    }

    worker = await createWorker(t.config);
    const sweep = worker.get(FanoutSweep);
    expect(await sweep.sweep()).toEqual({ requeued: 0, retried: 0, chunksRetried: 0 }); // not overdue yet
    expect(await sweep.sweep(Date.now() + 10 * 60_000)).toEqual({ requeued: 0, retried: 1, chunksRetried: 0 });
    await eventually(inFeed);
    expect(await sweep.sweep(Date.now() + 10 * 60_000)).toEqual({ requeued: 0, retried: 0, chunksRetried: 0 }); // completed now
  });

  it('enqueues again a plan job that Redis lost', async () => {
    const { job, inFeed } = await publishedForOneFollower();
    await job.remove();

    worker = await createWorker(t.config);
    expect(await worker.get(FanoutSweep).sweep(Date.now() + 10 * 60_000)).toMatchObject({ requeued: 1 });
    await eventually(inFeed);
  });

  it('logs every failed attempt of a job, as structured JSON with job id, name, attempt and reason', async () => {
    const child = spawnWorker(t.config, {}, { stdout: 'pipe' });
    const lines: Record<string, unknown>[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    });
    try {
      // An id Postgres refuses: every attempt fails.
      await t.app.get(JobProducer).enqueue({ name: 'fanout.plan', jobId: 'plan.broken', payload: { articleId: 'not-an-id', version: 1 } });
      const failures = () => lines.filter((l) => l.jobId === 'plan.broken');
      await eventually(() => failures().length >= 2, { timeoutMs: 30_000 });
      expect(failures().slice(0, 2)).toEqual([
        expect.objectContaining({ name: 'fanout.plan', attempt: 1, attempts: 25, reason: expect.stringMatching(/bigint/) }),
        expect.objectContaining({ name: 'fanout.plan', attempt: 2, attempts: 25, reason: expect.stringMatching(/bigint/) }),
      ]);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
      await (await t.app.get(JobProducer).queue(QUEUE.fanout).getJob('plan.broken'))?.remove();
    }
  });
});
