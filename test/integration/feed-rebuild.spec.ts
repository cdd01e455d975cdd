import type { RedisClient } from '../../src/infra/redis/redis';
import { REDIS } from '../../src/infra/redis/redis.module';
import { deleteKeys, keysMatching } from '../support/redis-keys';
import { Newsroom } from '../support/newsroom';
import { waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';

describe('feeds are rebuilt from Postgres', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
  });
  afterAll(() => t.close());

  it('brings every feed back, item for item, after all feed keys are wiped from Redis', async () => {
    const news = await Newsroom.open(t);
    const topics = [await news.topic(), await news.topic(), await news.topic()];
    const readers = [
      await news.reader([topics[0]]),
      await news.reader([topics[0], topics[1]]),
      await news.reader([topics[1], topics[2]], [topics[0]]),
      await news.reader([]),
    ];
    for (const r of readers) await news.feedIds(r.token);
    for (let i = 0; i < 9; i++) {
      await news.publish([topics[i % 3], ...(i % 4 === 0 ? [topics[(i + 1) % 3]] : [])], {
        publishedAt: new Date(Date.now() - (60 - i) * 60_000).toISOString(),
        ...(i === 4 ? { priority: 'breaking' } : {}),
      });
    }
    await waitForQueuesIdle(t);

    const read = () =>
      Promise.all(
        readers.flatMap((r) => ['ranked', 'latest'].map((mode) => t.http.get('/v1/feed', { token: r.token, query: { mode } }))),
      ).then((answers) => answers.map((a) => a.body));
    const before = await read();
    expect(before.filter((page) => page.items.length > 0)).toHaveLength(6);

    const redis = t.app.get<RedisClient>(REDIS);
    const feedKeys = await keysMatching(redis, `${t.config.REDIS_PREFIX}:feed:*`);
    expect(feedKeys.length).toBe(readers.length);
    await deleteKeys(redis, feedKeys);

    const after = await read();
    expect(after).toEqual(before);
    expect(await keysMatching(redis, `${t.config.REDIS_PREFIX}:feed:*`)).toHaveLength(readers.length);
  });
});
