import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FeedKeys } from '../../src/feed/feed-keys';
import { RECORD_BYTES } from '../../src/feed/feed-record';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { createRedis } from '../../src/infra/redis/redis';
import { REDIS } from '../../src/infra/redis/redis.module';
import { freePort } from '../support/free-port';
import { Newsroom } from '../support/newsroom';
import { eventually } from '../support/queues';
import { OwnRedis, startOwnRedis } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { exited, spawnApi, spawnWorker } from '../support/worker-process';

const FOLLOWERS = 40;

describe('an article committed by an API killed before its enqueue still reaches every follower', () => {
  let own: OwnRedis;
  let t: TestApp;

  beforeAll(async () => {
    own = await startOwnRedis();
    t = await startTestApp({ workers: false, env: { REDIS_URL: own.url } });
  });
  afterAll(async () => {
    await t.close();
    await own.stop();
  });

  it('the workers drain the outbox after SIGKILL of the API between commit and enqueue', async () => {
    const news = await Newsroom.open(t);
    const topic = await news.topic();
    const db = t.app.get(DataSource);
    const redis = t.app.get<Redis>(REDIS);
    const feedKeys = t.app.get(FeedKeys);
    const tag = randomBytes(4).toString('hex');
    const users: { id: string }[] = await db.query(
      `INSERT INTO users (email, password_hash, display_name)
       SELECT $2 || '-' || g || '@example.test', 'x', 'Reader ' || g FROM generate_series(1, $1) g
       RETURNING id::text AS id`,
      [FOLLOWERS, tag],
    );
    await db.query(
      `INSERT INTO follows (topic_id, user_id) SELECT t.id, u.id FROM topics t, users u WHERE t.slug = $1 AND u.email LIKE $2`,
      [topic, `${tag}-%`],
    );
    for (const { id } of users) await redis.set(feedKeys.feed(id), ''); // built feeds: fan-out writes only into those

    const port = await freePort();
    const api = spawnApi(t.config, port);
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      () =>
        fetch(`${base}/health/live`).then(
          (r) => r.ok,
          () => false,
        ),
      { timeoutMs: 30_000, intervalMs: 100 },
    );

    const admin = createRedis(own.url);
    const headline = `Outbox ${tag}`;
    try {
      await admin.call('CLIENT', 'PAUSE', '30000', 'WRITE');
      const posting = fetch(`${base}/v1/articles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${news.editor.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ headline, body: 'Body.', topicSlugs: [topic] }),
      }).catch(() => null);
      const [row] = await eventually(
        async () => {
          const rows: { id: string }[] = await db.query(`SELECT id::text AS id FROM articles WHERE headline = $1`, [headline]);
          return rows.length ? rows : null;
        },
        { timeoutMs: 20_000, intervalMs: 20 },
      );
      api.kill('SIGKILL');
      await exited(api);
      await posting;
      await admin.call('CLIENT', 'UNPAUSE');

      const queue = t.app.get(JobProducer).queue(QUEUE.fanout);
      expect(await queue.getJob(`plan.${row.id}.v1`)).toBeUndefined(); // the kill came before the enqueue

      const worker = spawnWorker(t.config);
      try {
        await eventually(
          async () => {
            const feeds = await Promise.all(users.map(({ id }) => redis.getBuffer(feedKeys.feed(id))));
            return feeds.every((buf) => {
              for (let at = 0; buf && at < buf.length; at += RECORD_BYTES) if (buf.readUInt32BE(at) === Number(row.id)) return true;
              return false;
            });
          },
          { timeoutMs: 40_000, intervalMs: 200 },
        );
      } finally {
        worker.kill('SIGTERM');
        await exited(worker);
      }
    } finally {
      await admin.call('CLIENT', 'UNPAUSE').catch(() => undefined);
      admin.disconnect();
      if (api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
    }
  });
});
