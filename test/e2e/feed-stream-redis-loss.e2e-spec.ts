import type { Redis } from 'ioredis';
import { REDIS } from '../../src/infra/redis/redis.module';
import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';
import { listen, SseClient } from './feed-stream-sse-client';

describe('GET /v1/feed/stream after Redis lost the feeds', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('still announces a new article to a connected reader whose feed window is gone', async () => {
    const news = await Newsroom.open(t);
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const client = await SseClient.open(base, '/v1/feed/stream', { authorization: `Bearer ${reader.token}` });
    try {
      expect(client.status).toBe(200);
      // As after a Redis restart without persistence: every feed window of this test is gone.
      const redis = t.app.get<Redis>(REDIS);
      const feedKeys: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.config.REDIS_PREFIX}:feed:*`, 'COUNT', 1000);
        cursor = next;
        feedKeys.push(...keys);
      } while (cursor !== '0');
      expect(feedKeys.length).toBeGreaterThan(0);
      await redis.unlink(...feedKeys);

      const article = await news.publish([topic]);
      await client.waitFor((c) => c.articleIds().includes(article.id), 10_000);
    } finally {
      client.close();
    }
  });
});
