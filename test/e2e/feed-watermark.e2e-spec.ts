import type { Redis } from 'ioredis';
import { FeedKeys } from '../../src/feed/feed-keys';
import { REDIS } from '../../src/infra/redis/redis.module';
import { decodeReaderState, encodeReaderState } from '../../src/reader-state/reader-state';
import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('feed: fan-out watermark (Redis restored from an older snapshot)', () => {
  let t: TestApp;
  let news: Newsroom;
  let redis: Redis;
  let keys: FeedKeys;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    redis = t.app.get(REDIS);
    keys = t.app.get(FeedKeys);
  });
  afterAll(() => t.close());

  it('treats windows of a bucket whose Redis counts fewer fan-out chunks than Postgres as cold, and rebuilds them', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    expect(await news.feedIds(reader.token)).toEqual([]);
    const first = await news.publish([topic], { publishedAt: minutesAgo(10) });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([first.id]);

    // The snapshot: the reader's window and the bucket's watermark as they are now.
    const feedKey = keys.feed(reader.user.id);
    const countKey = keys.fanoutCount(keys.bucketOf(reader.user.id));
    const [window, count] = [await redis.getBuffer(feedKey), await redis.get(countKey)];

    const second = await news.publish([topic], { publishedAt: minutesAgo(5) });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([second.id, first.id]);

    // Redis restarted from that snapshot: the second article's fan-out is lost, Postgres still counts it.
    await redis.set(feedKey, window!);
    await redis.set(countKey, count!);
    await eventually(async () => (await news.feedIds(reader.token)).join() === [second.id, first.id].join(), { timeoutMs: 10_000 });

    // Rebuilt once: later fan-outs keep it warm and complete.
    const third = await news.publish([topic], { publishedAt: minutesAgo(1) });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([third.id, second.id, first.id]);
    expect(Number(await redis.hget(keys.readerState(reader.user.id), 'gap'))).toBe(1);
  });

  it('gives feeds and reader state an idle TTL, kept through fan-out and refreshed hourly while the reader reads', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    await news.feedIds(reader.token);
    // Within a minute of the full idle TTL (FEED_IDLE_TTL_DAYS, by default ACTIVE_DAYS): set, not run down.
    const fresh = t.config.FEED_IDLE_TTL_DAYS * 86_400 - 60;
    const feedKey = keys.feed(reader.user.id);
    const stateKey = keys.readerState(reader.user.id);
    expect(await redis.ttl(feedKey)).toBeGreaterThan(fresh);
    expect(await redis.ttl(stateKey)).toBeGreaterThan(fresh);
    await redis.expire(feedKey, 100);
    await redis.expire(stateKey, 100);
    await news.publish([topic]);
    await waitForQueuesIdle(t);
    expect(await redis.ttl(feedKey)).toBeGreaterThan(0);
    // Reads write nothing (they must work while Redis refuses writes). A reader last marked active over an hour ago
    // is marked again in the background, which drops the state copy; the next read loads it, and that save refreshes both TTLs.
    await news.feedIds(reader.token);
    expect(await redis.ttl(feedKey)).toBeLessThanOrEqual(100);
    const state = decodeReaderState((await redis.hget(stateKey, 's'))!)!;
    await redis.hset(stateKey, 's', encodeReaderState({ ...state, lastActiveAt: Date.now() - 2 * 3600_000 }));
    await eventually(
      async () => {
        await news.feedIds(reader.token);
        return (await redis.ttl(feedKey)) > fresh && (await redis.ttl(stateKey)) > fresh;
      },
      { timeoutMs: 5_000, intervalMs: 50 },
    );
  });
});
