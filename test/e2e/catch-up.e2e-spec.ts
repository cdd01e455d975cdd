import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AccessTokenService } from '../../src/auth/access-token.service';
import { FanoutWatermarks } from '../../src/feed/fanout-watermarks';
import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

interface Item {
  article: { id: string; storyKey: string | null };
  reasons: unknown[];
  story: { key: string; count: number; related: { id: string }[] } | null;
}

describe('read markers and catch-up', () => {
  let t: TestApp;
  let news: Newsroom;

  beforeAll(async () => {
    t = await startTestApp();
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  const markers = (token: string) => t.http.get('/v1/me/markers', { token });
  const putMarker = (token: string, articleId: unknown) => t.http.put('/v1/me/markers/feed', { articleId }, { token });
  const catchUp = (token: string, query: Record<string, string> = {}) => t.http.get('/v1/feed/catch-up', { token, query });

  /** Every page of catch-up, in order. */
  async function walk(token: string, limit: string): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const res = await catchUp(token, cursor ? { limit, cursor } : { limit });
      expect(res.status).toBe(200);
      items.push(...(res.body.items as Item[]));
      cursor = res.body.nextCursor;
      if (cursor) expect(res.headers.link).toContain('rel="next"');
      if (!cursor) return items;
    }
    throw new Error('catch-up did not end');
  }

  it('without a marker: feed null, unreadCount and catch-up cover the last 24 hours, oldest first', async () => {
    const topic = await news.topic();
    await news.publish([topic], { publishedAt: minutesAgo(25 * 60) });
    const a = await news.publish([topic], { publishedAt: minutesAgo(120) });
    const b = await news.publish([topic], { publishedAt: minutesAgo(60) });
    const reader = await news.reader([topic]);
    const res = await markers(reader.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ feed: null, unreadCount: 2 });
    const page = await catchUp(reader.token);
    expect(page.status).toBe(200);
    expect(page.body.items.map((i: Item) => i.article.id)).toEqual([a.id, b.id]);
    expect(page.body.nextCursor).toBeNull();
    expect(page.body.items[0]).toMatchObject({ reasons: [{ type: 'topic', topic: { slug: topic } }], story: null });
  });

  it('the marker only moves forward, is shared by every login of the account, and catch-up starts after it', async () => {
    const topic = await news.topic();
    const [a, b, c, d] = [
      await news.publish([topic], { publishedAt: minutesAgo(40) }),
      await news.publish([topic], { publishedAt: minutesAgo(30) }),
      await news.publish([topic], { publishedAt: minutesAgo(20) }),
      await news.publish([topic], { publishedAt: minutesAgo(10) }),
    ];
    const reader = await news.reader([topic]);
    const phone = reader.token;
    const laptop = await t.app.get(AccessTokenService).sign(reader.user.id, randomUUID());

    const moved = await putMarker(phone, b.id);
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({
      feed: { articleId: b.id, publishedAt: b.publishedAt, updatedAt: expect.stringMatching(/Z$/) },
      unreadCount: 2,
    });
    // The other login sees it at once.
    expect((await markers(laptop)).body).toEqual(moved.body);
    expect((await catchUp(laptop)).body.items.map((i: Item) => i.article.id)).toEqual([c.id, d.id]);

    // Older: nothing changes, 200 with the current marker.
    const older = await putMarker(laptop, a.id);
    expect(older.status).toBe(200);
    expect(older.body).toEqual(moved.body);
    expect((await putMarker(laptop, b.id)).body).toEqual(moved.body);

    const newest = await putMarker(laptop, d.id);
    expect(newest.body).toMatchObject({ feed: { articleId: d.id }, unreadCount: 0 });
    expect((await markers(phone)).body).toEqual(newest.body);
    expect((await catchUp(phone)).body).toEqual({ items: [], nextCursor: null });
  });

  it('404 ARTICLE_NOT_FOUND for an article not in the reader’s feed; 400 for a bad body; nothing changes', async () => {
    const [followed, other, muted] = [await news.topic(), await news.topic(), await news.topic()];
    const seen = await news.publish([followed], { publishedAt: minutesAgo(50) });
    const draft = await news.publish([followed], { status: 'draft' });
    const retracted = await news.publish([followed]);
    expect((await t.http.delete(`/v1/articles/${retracted.id}`, { token: news.editor.token })).status).toBe(204);
    const unfollowed = await news.publish([other]);
    const mutedTopic = await news.publish([followed, muted]);
    const mutedWord = await news.publish([followed], { headline: 'Crypto winter returns' });
    const reader = await news.reader([followed], [muted]);
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'crypto' }, { token: reader.token })).status).toBe(201);
    await putMarker(reader.token, seen.id);

    for (const id of ['999999999', 'not-an-id', draft.id, retracted.id, unfollowed.id, mutedTopic.id, mutedWord.id]) {
      const res = await putMarker(reader.token, id);
      expect([id, res.status, res.body.code]).toEqual([id, 404, 'ARTICLE_NOT_FOUND']);
    }
    for (const body of [{}, { articleId: 5 }, { articleId: seen.id, extra: true }]) {
      const res = await t.http.put('/v1/me/markers/feed', body, { token: reader.token });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await markers(reader.token)).body.feed.articleId).toBe(seen.id);
    expect((await t.http.get('/v1/me/markers', { token: reader.token, query: { x: '1' } })).status).toBe(400);
    expect((await t.http.get('/v1/me/markers')).status).toBe(401);
    expect((await t.http.put('/v1/me/markers/feed', { articleId: seen.id })).status).toBe(401);
    expect((await t.http.get('/v1/feed/catch-up')).status).toBe(401);
  });

  it('groups a story into one item at its oldest unread article, led by its newest, and pages to the newest, each article once', async () => {
    const topic = await news.topic();
    const read = await news.publish([topic], { publishedAt: minutesAgo(100), storyKey: 'cu-summit' });
    const marker = await news.publish([topic], { publishedAt: minutesAgo(90) });
    const s1 = await news.publish([topic], { publishedAt: minutesAgo(80), storyKey: 'cu-summit' });
    const p1 = await news.publish([topic], { publishedAt: minutesAgo(70) });
    const s2 = await news.publish([topic], { publishedAt: minutesAgo(60), storyKey: 'cu-summit' });
    const p2 = await news.publish([topic], { publishedAt: minutesAgo(50) });
    const t1 = await news.publish([topic], { publishedAt: minutesAgo(45), storyKey: 'cu-trade' });
    const p3 = await news.publish([topic], { publishedAt: minutesAgo(40) });
    const s3 = await news.publish([topic], { publishedAt: minutesAgo(30), storyKey: 'cu-summit' });
    const t2 = await news.publish([topic], { publishedAt: minutesAgo(20), storyKey: 'cu-trade' });
    const p4 = await news.publish([topic], { publishedAt: minutesAgo(10) });
    const reader = await news.reader([topic]);
    await putMarker(reader.token, marker.id);

    const all = (await catchUp(reader.token, { limit: '50' })).body.items as Item[];
    expect(all.map((i) => i.article.id)).toEqual([s3.id, p1.id, p2.id, t2.id, p3.id, p4.id]);
    expect(all[0].story).toEqual({
      key: 'cu-summit',
      count: 4,
      related: [expect.objectContaining({ id: s2.id }), expect.objectContaining({ id: s1.id }), expect.objectContaining({ id: read.id })],
    });
    expect(all[3].story).toMatchObject({ key: 'cu-trade', count: 2, related: [{ id: t1.id }] });
    expect(all[1].story).toBeNull();
    expect((await markers(reader.token)).body.unreadCount).toBe(6);

    for (const limit of ['1', '2', '4'])
      expect((await walk(reader.token, limit)).map((i) => i.article.id)).toEqual(all.map((i) => i.article.id));
  });

  it('keeps a scroll on its marker when another login moves it, and refuses forged cursors', async () => {
    const topic = await news.topic();
    const ids: string[] = [];
    for (let i = 6; i >= 1; i--) ids.push((await news.publish([topic], { publishedAt: minutesAgo(i * 10) })).id);
    const reader = await news.reader([topic]);
    const first = await catchUp(reader.token, { limit: '2' });
    expect(first.body.items.map((i: Item) => i.article.id)).toEqual(ids.slice(0, 2));
    await putMarker(reader.token, ids[4]);
    const second = await catchUp(reader.token, { limit: '2', cursor: first.body.nextCursor });
    expect(second.body.items.map((i: Item) => i.article.id)).toEqual(ids.slice(2, 4));
    for (const cursor of [
      'nope',
      Buffer.from('{"f":[1,1]}').toString('base64url'),
      Buffer.from('{"f":[1,1],"a":[-1,0]}').toString('base64url'),
    ]) {
      const res = await catchUp(reader.token, { cursor });
      expect(res.status).toBe(400);
    }
    for (const limit of ['0', '51', 'x']) expect((await catchUp(reader.token, { limit })).status).toBe(400);
  });

  // Last: it stops the watermark refresh, which reads Postgres once a second whatever the reads.
  it('sends Postgres no query for warm reads of markers, catch-up, new-count and the feed in both modes, with stories and muted words', async () => {
    const topic = await news.topic();
    for (let i = 0; i < 9; i++)
      await news.publish([topic], { publishedAt: minutesAgo(60 - i), storyKey: i % 3 === 0 ? 'warm-story' : null, headline: `Item ${i}` });
    const reader = await news.reader([topic]);
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'nothing here' }, { token: reader.token })).status).toBe(201);
    const reads = [
      () => t.http.get('/v1/feed', { token: reader.token, query: { mode: 'latest', limit: '3' } }),
      () => t.http.get('/v1/feed', { token: reader.token, query: { mode: 'ranked', limit: '3' } }),
      () => t.http.get('/v1/feed/new-count', { token: reader.token, query: { since: minutesAgo(120) } }),
      () => markers(reader.token),
      () => catchUp(reader.token, { limit: '3' }),
    ];
    for (const read of reads) for (let i = 0; i < 2; i++) expect((await read()).status).toBe(200);
    const latest = await reads[0]();
    expect((latest.body.items as Item[]).some((i) => i.story?.key === 'warm-story')).toBe(true);

    t.app.get(FanoutWatermarks).onModuleDestroy();
    const original = pg.Client.prototype.query;
    let queries = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      queries++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      for (const read of reads) expect((await read()).status).toBe(200);
      expect(queries).toBe(0);
    } finally {
      pg.Client.prototype.query = original;
    }
  });
});
