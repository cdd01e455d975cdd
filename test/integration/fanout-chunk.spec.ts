import type { Redis } from 'ioredis';
import { packUsers } from '../../src/fanout/chunk-users';
import { FanoutChunkService } from '../../src/fanout/fanout-chunk.service';
import { FanoutWatermarksRepository } from '../../src/feed/fanout-watermarks.repository';
import { FeedKeys } from '../../src/feed/feed-keys';
import { decodeRecords, RECORD_BYTES } from '../../src/feed/feed-record';
import { FeedStore } from '../../src/feed/feed-store';
import { FeedEventChannels } from '../../src/feed/stream/feed-event-channels';
import { encodeFeedEvent, type FeedEventMessage } from '../../src/feed/stream/feed-event-message';
import { FeedEventSubscriber } from '../../src/feed/stream/feed-event-subscriber';
import { eventually } from '../support/queues';
import { REDIS } from '../../src/infra/redis/redis.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('fan-out chunk', () => {
  let t: TestApp;
  let chunks: FanoutChunkService;
  let store: FeedStore;
  let keys: FeedKeys;
  let redis: Redis;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: { FEED_MAX_ITEMS: '10', FEED_BUCKETS: '4' } });
    chunks = t.app.get(FanoutChunkService);
    store = t.app.get(FeedStore);
    keys = t.app.get(FeedKeys);
    redis = t.app.get(REDIS);
  });
  afterAll(() => t.close());

  const bucketUsers = (bucket: number, n: number) => Array.from({ length: n }, (_, i) => String(bucket + 4 * (i + 1)));
  const chunk = (articleId: number, userIds: string[], seq = 0, bucket = 1) => ({
    articleId: String(articleId),
    version: 1,
    bucket,
    seq,
    users: packUsers(userIds),
    publishedAtSec: 1_795_000_000 + articleId,
    lnWeight: 0,
  });
  const raw = (userIds: string[]) => Promise.all(userIds.map((id) => redis.getBuffer(keys.feed(id))));

  it('changes nothing when the same chunk runs twice', async () => {
    const users = bucketUsers(1, 50);
    for (const id of users) await store.merge(id, [], true);
    const first = await chunks.write(chunk(7, users));
    expect(first).toEqual({ written: 50, repeat: false });
    const after = await raw(users);
    const second = await chunks.write(chunk(7, users));
    expect(second).toEqual({ written: 0, repeat: true });
    expect(await raw(users)).toEqual(after);
    for (const buf of after) expect(decodeRecords(buf).map((r) => r.articleId)).toEqual([7]);
  });

  it('writes a chunk enqueued before user ids were packed (an id array)', async () => {
    const users = bucketUsers(1, 3).map((id) => String(Number(id) + 2000));
    for (const id of users) await store.merge(id, [], true);
    const legacy: Record<string, unknown> = { ...chunk(9, users), userIds: users };
    delete legacy.users;
    expect(await chunks.write(legacy as unknown as Parameters<FanoutChunkService['write']>[0])).toEqual({
      written: 3,
      repeat: false,
    });
    for (const buf of await raw(users)) expect(decodeRecords(buf).map((r) => r.articleId)).toEqual([9]);
  });

  it('counts every applied chunk in Postgres, chunks written at once included, and a repeat not', async () => {
    const watermarks = t.app.get(FanoutWatermarksRepository);
    const before = await watermarks.all();
    const writes = [2, 3, 2, 2, 3, 0].map((bucket, seq) => chunks.write(chunk(11, bucketUsers(bucket, 2), seq, bucket)));
    await Promise.all(writes);
    await chunks.write(chunk(11, bucketUsers(2, 2), 0, 2));
    const after = await watermarks.all();
    const added = (bucket: number) => (after.get(bucket) ?? 0) - (before.get(bucket) ?? 0);
    expect([added(0), added(2), added(3)]).toEqual([1, 3, 2]);
  });

  it('publishes the live update it is given in the same call as the write, and again on a repeat', async () => {
    const subscriber = t.app.get(FeedEventSubscriber);
    const heard: FeedEventMessage[] = [];
    subscriber.onMessage((m) => heard.push(m));
    await subscriber.acquire(3);
    try {
      const users = bucketUsers(3, 2).map((id) => String(Number(id) + 6000));
      for (const id of users) await store.merge(id, [], true);
      const event = { articleId: '12', version: 1, publishedAtSec: 1_795_000_012, userIds: users };
      const announce = { channel: t.app.get(FeedEventChannels).forBucket(3), message: encodeFeedEvent(event) };
      const write = () =>
        store.appendToBucket(
          3,
          users,
          { articleId: 12, publishedAtSec: 1_795_000_012, lnWeight: 0 },
          { articleId: '12', version: 1, seq: 0 },
          {},
          announce,
        );
      expect(await write()).toBe(2);
      expect(await write()).toBe(-1);
      await eventually(() => heard.length >= 2);
      expect(heard).toEqual([event, event]);
    } finally {
      subscriber.release(3);
    }
  });

  it('leaves missing feeds missing: they are rebuilt whole on their next read', async () => {
    const users = bucketUsers(1, 3).map((id) => String(Number(id) + 4000));
    const result = await chunks.write(chunk(8, users));
    expect(result.written).toBe(0);
    expect(await raw(users)).toEqual([null, null, null]);
  });

  it('keeps a feed at FEED_MAX_ITEMS plus a bounded slack, newest kept', async () => {
    const [user] = bucketUsers(1, 1).map((id) => String(Number(id) + 8000));
    await store.merge(user, [], true);
    for (let a = 1; a <= 100; a++) await chunks.write(chunk(1000 + a, [user], a));
    const buf = await redis.getBuffer(keys.feed(user));
    const records = decodeRecords(buf);
    expect(buf!.length % RECORD_BYTES).toBe(0);
    expect(records.length).toBeLessThanOrEqual(10 + 64);
    expect(records.length).toBeGreaterThanOrEqual(10);
    expect(records[records.length - 1].articleId).toBe(1100);
    expect(records.map((r) => r.articleId)).toEqual([...records.map((r) => r.articleId)].sort((x, y) => x - y));
  });

  it('merges out-of-order records by time and cuts to the newest FEED_MAX_ITEMS', async () => {
    const user = '999';
    await store.merge(user, [], true);
    const records = Array.from({ length: 15 }, (_, i) => ({ articleId: 100 + i, publishedAtSec: 5000 - i * 10, lnWeight: 0 }));
    expect(await store.merge(user, records, false)).toBe(10);
    const kept = (await store.read(user))!;
    expect(kept.map((r) => r.articleId)).toEqual([109, 108, 107, 106, 105, 104, 103, 102, 101, 100]);
    expect(await store.merge('998', records, false)).toBe(-1);
    expect(await store.read('998')).toBeNull();
  });
});
