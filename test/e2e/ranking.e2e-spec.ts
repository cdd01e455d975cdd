import type { Redis } from 'ioredis';
import { FeedStore } from '../../src/feed/feed-store';
import { REDIS } from '../../src/infra/redis/redis.module';
import { Newsroom } from '../support/newsroom';
import { waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import type { CreatedUser } from '../support/users.factory';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('ranked mode uses the reader’s signals', () => {
  let t: TestApp;
  let news: Newsroom;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  const events = (reader: CreatedUser, list: Record<string, unknown>[]) =>
    t.http.post('/v1/feed/events', { events: list }, { token: reader.token });

  /** Two topics, an older article of each, and a reader whose feed is built; `control` follows the same. */
  async function twoTopics() {
    const [a, b] = [await news.topic(), await news.topic()];
    const reader = await news.reader([a, b]);
    const control = await news.reader([a, b]);
    await news.feedIds(reader.token);
    await news.feedIds(control.token);
    const oldA = await news.publish([a], { publishedAt: minutesAgo(90) });
    const oldB = await news.publish([b], { publishedAt: minutesAgo(90) });
    await waitForQueuesIdle(t);
    return { a, b, reader, control, oldA, oldB };
  }

  /** The reader opens and dwells on A and marks B less_like_this; then a fresh A and an equally fresh B arrive. */
  async function likesAOverB() {
    const setup = await twoTopics();
    const sent = await events(setup.reader, [
      { articleId: setup.oldA.id, type: 'open' },
      { articleId: setup.oldA.id, type: 'dwell', dwellMs: 120_000 },
      { articleId: setup.oldB.id, type: 'less_like_this' },
    ]);
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ accepted: 3, dropped: 0 });
    const at = minutesAgo(1);
    const freshA = await news.publish([setup.a], { publishedAt: at });
    // Created second, so without signals it would win the tie (higher id first).
    const freshB = await news.publish([setup.b], { publishedAt: at });
    await waitForQueuesIdle(t);
    return { ...setup, freshA, freshB };
  }

  it('puts a fresh article of a liked topic above an equally fresh one of a disliked topic', async () => {
    const { reader, control, freshA, freshB, oldA, oldB } = await likesAOverB();
    const ranked = await news.feedIds(reader.token);
    expect(ranked.indexOf(freshA.id)).toBeLessThan(ranked.indexOf(freshB.id));
    expect(await news.feedIds(control.token)).toEqual([freshB.id, freshA.id, oldB.id, oldA.id]);
  });

  it('re-ranks at read time with fresh affinities: signals sent after the fan-out count at once', async () => {
    const { a, b, reader, oldA, oldB } = await twoTopics();
    const at = minutesAgo(1);
    const freshA = await news.publish([a], { publishedAt: at });
    const freshB = await news.publish([b], { publishedAt: at });
    await waitForQueuesIdle(t);
    expect((await news.feedIds(reader.token)).slice(0, 2)).toEqual([freshB.id, freshA.id]);
    await events(reader, [
      { articleId: oldA.id, type: 'share' },
      { articleId: oldB.id, type: 'less_like_this' },
    ]);
    const after = await news.feedIds(reader.token);
    expect(after.indexOf(freshA.id)).toBeLessThan(after.indexOf(freshB.id));
  });

  it('writes the reader’s affinity into the fan-out record’s weight, and only theirs', async () => {
    const { reader, control, freshA, freshB } = await likesAOverB();
    const store = t.app.get(FeedStore);
    const weightOf = async (user: CreatedUser, id: string) =>
      (await store.read(user.user.id))!.find((r) => r.articleId === Number(id))!.lnWeight;
    expect(await weightOf(reader, freshA.id)).toBeGreaterThan(0.1);
    expect(await weightOf(reader, freshB.id)).toBeLessThan(-0.3);
    expect(await weightOf(control, freshA.id)).toBe(0);
    expect(await weightOf(control, freshB.id)).toBe(0);
  });

  it('keeps latest mode purely chronological whatever the signals', async () => {
    const { reader, control, freshA, freshB, oldA, oldB } = await likesAOverB();
    const chronological = [freshB.id, freshA.id, oldB.id, oldA.id];
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual(chronological);
    expect(await news.feedIds(control.token, { mode: 'latest' })).toEqual(chronological);
  });

  it('demotes an article the reader already opened', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const older = await news.publish([topic], { publishedAt: minutesAgo(40) });
    const newest = await news.publish([topic], { publishedAt: minutesAgo(5) });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([newest.id, older.id]);
    expect((await events(reader, [{ articleId: newest.id, type: 'open' }])).status).toBe(202);
    expect(await news.feedIds(reader.token)).toEqual([older.id, newest.id]);
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([newest.id, older.id]);
  });

  it('ranks a breaking article above a normal one of the same age', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const at = minutesAgo(20);
    const breaking = await news.publish([topic], { publishedAt: at, priority: 'breaking' });
    const normal = await news.publish([topic], { publishedAt: at });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([breaking.id, normal.id]);
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([normal.id, breaking.id]);
  });

  it('ranks a 3-hour-old article below a fresh one of equal affinity', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const fresh = await news.publish([topic], { publishedAt: minutesAgo(2) });
    const stale = await news.publish([topic], { publishedAt: minutesAgo(180) });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([fresh.id, stale.id]);
  });

  it('shows no more than two in a row of one primary topic while another is available', async () => {
    const [x, y] = [await news.topic(), await news.topic()];
    const reader = await news.reader([x, y]);
    await news.feedIds(reader.token);
    const xs = [];
    for (const m of [1, 2, 3, 4]) xs.push((await news.publish([x, y], { publishedAt: minutesAgo(m) })).id);
    const y1 = (await news.publish([y], { publishedAt: minutesAgo(30) })).id;
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([...xs, y1]);
    expect(await news.feedIds(reader.token)).toEqual([xs[0], xs[1], y1, xs[2], xs[3]]);
  });

  it('keeps a hidden article out of the feed for good: both modes, new-count, a rebuild, an edit, a history reset', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const since = minutesAgo(30);
    const kept = await news.publish([topic], { publishedAt: minutesAgo(10) });
    const hidden = await news.publish([topic], { publishedAt: minutesAgo(5) });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([hidden.id, kept.id]);

    expect((await events(reader, [{ articleId: hidden.id, type: 'hide' }])).body).toEqual({ accepted: 1, dropped: 0 });
    const gone = async () => {
      expect(await news.feedIds(reader.token)).toEqual([kept.id]);
      expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([kept.id]);
    };
    await gone();
    expect((await t.http.get('/v1/feed/new-count', { token: reader.token, query: { since } })).body).toEqual({ count: 1 });

    await t.app.get(FeedStore).erase(reader.user.id);
    await gone();
    expect((await t.app.get(FeedStore).read(reader.user.id))!.map((r) => r.articleId)).toEqual([Number(kept.id)]);

    await t.http.patch(`/v1/articles/${hidden.id}`, { headline: 'Updated story' }, { token: news.editor.token });
    await waitForQueuesIdle(t);
    await gone();

    expect((await t.http.delete('/v1/me/history', { token: reader.token })).status).toBe(204);
    await gone();
  });

  it('resets the order when the reader clears their history', async () => {
    const { reader, control, freshA, freshB, oldA, oldB } = await likesAOverB();
    const before = await news.feedIds(reader.token);
    expect(before.indexOf(freshA.id)).toBeLessThan(before.indexOf(freshB.id));
    expect((await t.http.get('/v1/me/history', { token: reader.token })).body.items).toHaveLength(1);

    expect((await t.http.delete('/v1/me/history', { token: reader.token })).status).toBe(204);
    const untaught = [freshB.id, freshA.id, oldB.id, oldA.id];
    expect(await news.feedIds(reader.token)).toEqual(untaught);
    expect(await news.feedIds(control.token)).toEqual(untaught);
    expect((await t.http.get('/v1/me/history', { token: reader.token })).body.items).toEqual([]);
  });
});

describe('paging a ranked feed through its re-ranked top', () => {
  let t: TestApp;
  let news: Newsroom;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: { RANK_RERANK_WINDOW: '6', FEED_MAX_ITEMS: '12' } });
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  async function readAll(token: string, limit: string, between: (page: number, ids: string[]) => Promise<void> = async () => {}) {
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    do {
      const res = await t.http.get('/v1/feed', { token, query: { limit, ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      const ids = res.body.items.map((i: { article: { id: string } }) => i.article.id);
      seen.push(...ids);
      cursor = res.body.nextCursor ?? undefined;
      await between(page++, ids);
    } while (cursor);
    return seen;
  }

  it('never repeats or skips across the top, the rest of the window and Postgres, while signals and articles change', async () => {
    const [x, y] = [await news.topic(), await news.topic()];
    const reader = await news.reader([x, y]);
    const published: string[] = [];
    for (let i = 0; i < 20; i++) {
      const topics = i % 5 === 0 ? [y] : [x];
      published.push(
        (await news.publish(topics, { publishedAt: minutesAgo(200 - i * 5), ...(i === 3 ? { priority: 'breaking' } : {}) })).id,
      );
    }
    await waitForQueuesIdle(t);
    const whole = (await t.http.get('/v1/feed', { token: reader.token, query: { limit: '50' } })).body.items.map(
      (i: { article: { id: string } }) => i.article.id,
    );

    const seen = await readAll(reader.token, '2', async (page, ids) => {
      // Opening what was just served would demote it in a fresh re-rank: the frozen order must hold.
      await t.http.post('/v1/feed/events', { events: ids.map((articleId) => ({ articleId, type: 'open' })) }, { token: reader.token });
      if (page === 0) {
        await news.publish([x]);
        await waitForQueuesIdle(t);
      }
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => published.includes(id)).sort()).toEqual([...published].sort());
    expect(seen.slice(0, 6)).toEqual(whole.slice(0, 6));
  });

  it('continues a page whose frozen order expired by re-ranking the same stretch of the window', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    for (let i = 0; i < 9; i++) await news.publish([topic], { publishedAt: minutesAgo(100 - i * 10) });
    await waitForQueuesIdle(t);
    const uninterrupted = await readAll(reader.token, '2');
    const redis = t.app.get<Redis>(REDIS);
    const interrupted = await readAll(reader.token, '2', async () => {
      const keys = await redis.keys(`${t.config.REDIS_PREFIX}:feed-order:*`);
      if (keys.length) await redis.del(...keys);
    });
    expect(interrupted).toEqual(uninterrupted);
    expect(uninterrupted).toHaveLength(9);
  });
});
