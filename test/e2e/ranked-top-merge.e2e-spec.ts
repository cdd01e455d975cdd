import { jest } from '@jest/globals';
import type { Redis } from 'ioredis';
import { FeedKeys } from '../../src/feed/feed-keys';
import { RankedTopService } from '../../src/feed/ranked-top.service';
import { REDIS } from '../../src/infra/redis/redis.module';
import { Newsroom } from '../support/newsroom';
import { waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import type { CreatedUser } from '../support/users.factory';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/**
 * A kept ranked top takes the window's arrivals by a merge (feed/ranked-top.ts) rather than a re-rank: what the reader
 * is served must be what a re-rank from scratch serves, and anything that changes the reader state still re-ranks.
 */
describe('a kept ranked top merges what arrives in the window', () => {
  let t: TestApp;
  let news: Newsroom;
  let redis: Redis;
  let keys: FeedKeys;
  // Every re-rank from scratch of a first page's top.
  const reranks = jest.spyOn(RankedTopService.prototype as unknown as { rerankTop: () => Promise<unknown> }, 'rerankTop');

  beforeAll(async () => {
    // A small top over a larger window, so arrivals push entries out past its boundary.
    t = await startTestApp({ workers: true, env: { RANK_RERANK_WINDOW: '5', FEED_MAX_ITEMS: '40' } });
    news = await Newsroom.open(t);
    redis = t.app.get<Redis>(REDIS);
    keys = t.app.get(FeedKeys);
  });
  afterAll(async () => {
    reranks.mockRestore();
    await t.close();
  });

  const events = (reader: CreatedUser, list: Record<string, unknown>[]) =>
    t.http.post('/v1/feed/events', { events: list }, { token: reader.token });

  /** The whole feed, and the first pages of two by their cursors (through the frozen top). */
  async function served(reader: CreatedUser) {
    const whole = await news.feedIds(reader.token, { limit: '50' });
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 4; page++) {
      const res = await t.http.get('/v1/feed', { token: reader.token, query: { limit: '2', ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      paged.push(...res.body.items.map((i: { article: { id: string } }) => i.article.id));
      cursor = res.body.nextCursor ?? undefined;
    }
    return { whole, paged };
  }

  /** What a re-rank from scratch serves now: the kept top dropped first. */
  async function fromScratch(reader: CreatedUser) {
    await redis.hdel(keys.readerState(reader.user.id), 'top', 'topm');
    return served(reader);
  }

  /** Two topics with articles of several ages (one breaking), and a reader of both with affinities of their own. */
  async function readerWithTop() {
    const [x, y] = [await news.topic(), await news.topic()];
    const reader = await news.reader([x, y]);
    await news.feedIds(reader.token);
    const published: string[] = [];
    for (let i = 0; i < 12; i++) {
      const extra = { publishedAt: minutesAgo(200 - i * 15), ...(i === 4 ? { priority: 'breaking' } : {}) };
      published.push((await news.publish(i % 3 === 0 ? [y] : [x], extra)).id);
    }
    await waitForQueuesIdle(t);
    expect((await events(reader, [{ articleId: published[0], type: 'share' }])).status).toBe(202);
    await news.feedIds(reader.token);
    expect(await redis.hget(keys.readerState(reader.user.id), 'topm')).not.toBeNull();
    return { x, y, reader, published };
  }

  it('shows an arrival on the next read at the rank a re-rank from scratch gives it, without re-ranking', async () => {
    const { x, y, reader } = await readerWithTop();
    for (const [topic, age] of [
      [y, 100],
      [x, 1],
      [x, 2],
    ] as const) {
      const arrival = await news.publish([topic], { publishedAt: minutesAgo(age) });
      await waitForQueuesIdle(t);
      reranks.mockClear();
      const merged = await served(reader);
      expect(reranks).not.toHaveBeenCalled();
      expect(merged.whole).toContain(arrival.id);
      expect(merged).toEqual(await fromScratch(reader));
      expect(reranks).toHaveBeenCalled();
    }
  });

  it('re-ranks a window that changed rather than grew: rewritten at the same length, or rewritten and grown', async () => {
    const { reader } = await readerWithTop();
    const feedKey = keys.feed(reader.user.id);
    const stored = (await redis.getBuffer(feedKey))!;
    // The two oldest records swapped: the same records, so a re-rank serves what the kept top did.
    const swapped = Buffer.concat([stored.subarray(12, 24), stored.subarray(0, 12), stored.subarray(24)]);
    // An article of a topic the reader does not follow, appended by hand: an arrival the feed rule keeps out.
    const stray = Buffer.from(stored.subarray(-12));
    stray.writeUInt32BE(Number((await news.publish([await news.topic()])).id), 0);
    // The kept top is made from `swapped` by the first read; the original order plus an arrival grew from another start.
    for (const changed of [swapped, Buffer.concat([stored, stray])]) {
      await redis.set(feedKey, changed, 'KEEPTTL');
      reranks.mockClear();
      const after = await served(reader);
      expect(reranks).toHaveBeenCalled();
      expect(after).toEqual(await fromScratch(reader));
    }
  });

  it('merges again on top of a merge, the same as one re-rank of everything that arrived', async () => {
    const { x, y, reader } = await readerWithTop();
    for (const [topic, age] of [
      [x, 3],
      [y, 4],
      [y, 30],
    ] as const) {
      await news.publish([topic], { publishedAt: minutesAgo(age) });
      await waitForQueuesIdle(t);
      reranks.mockClear();
      await news.feedIds(reader.token);
      expect(reranks).not.toHaveBeenCalled();
    }
    expect(await served(reader)).toEqual(await fromScratch(reader));
  });

  it('re-ranks after a hide, a less_like_this, a mute and a follow, and merges into the new order after each', async () => {
    const { x, y, reader } = await readerWithTop();
    const z = await news.topic();
    const hidden = (await news.feedIds(reader.token))[0];
    const changes: [string, () => Promise<unknown>][] = [
      ['hide', () => events(reader, [{ articleId: hidden, type: 'hide' }])],
      ['less_like_this', async () => events(reader, [{ articleId: (await news.feedIds(reader.token))[0], type: 'less_like_this' }])],
      ['mute', () => t.http.put(`/v1/me/mutes/${y}`, undefined, { token: reader.token })],
      ['follow', () => t.http.put(`/v1/me/follows/${z}`, undefined, { token: reader.token })],
    ];
    for (const [name, change] of changes) {
      const before = await news.feedIds(reader.token, { limit: '50' });
      expect({ name, status: ((await change()) as { status: number }).status }).toEqual({ name, status: expect.any(Number) });
      await waitForQueuesIdle(t);
      reranks.mockClear();
      const after = await served(reader);
      expect({ name, reranked: reranks.mock.calls.length > 0 }).toEqual({ name, reranked: true });
      expect(after).toEqual(await fromScratch(reader));
      expect(after.whole).not.toContain(hidden);
      if (name === 'mute') expect(after.whole.length).toBeLessThan(before.length);

      const arrival = await news.publish([name === 'follow' ? z : x], { publishedAt: minutesAgo(5) });
      await waitForQueuesIdle(t);
      reranks.mockClear();
      const merged = await served(reader);
      expect({ name, reranked: reranks.mock.calls.length > 0 }).toEqual({ name, reranked: false });
      expect(merged.whole).toContain(arrival.id);
      expect(merged.whole).not.toContain(hidden);
      expect(merged).toEqual(await fromScratch(reader));
    }
  });

  it('re-ranks when an arrival replaces an entry of the top (an edit that makes it breaking)', async () => {
    const { reader } = await readerWithTop();
    const ids = await news.feedIds(reader.token, { limit: '50' });
    const edited = ids[3];
    expect((await t.http.patch(`/v1/articles/${edited}`, { priority: 'breaking' }, { token: news.editor.token })).status).toBe(200);
    await waitForQueuesIdle(t);
    reranks.mockClear();
    const after = await served(reader);
    expect(reranks).toHaveBeenCalled();
    expect(after.whole.indexOf(edited)).toBeLessThan(3);
    expect(after).toEqual(await fromScratch(reader));
  });

  it('judges an arrival by the reader’s muted words: one carrying a muted word enters neither the top nor the page', async () => {
    const { x, reader } = await readerWithTop();
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'eclipse' }, { token: reader.token })).status).toBe(201);
    await news.feedIds(reader.token);
    const muted = await news.publish([x], { headline: 'An eclipse tonight', publishedAt: minutesAgo(1) });
    const plain = await news.publish([x], { publishedAt: minutesAgo(1) });
    await waitForQueuesIdle(t);
    reranks.mockClear();
    const merged = await served(reader);
    expect(reranks).not.toHaveBeenCalled();
    expect(merged.whole).toContain(plain.id);
    expect(merged.whole).not.toContain(muted.id);
    expect(merged).toEqual(await fromScratch(reader));
  });
});
