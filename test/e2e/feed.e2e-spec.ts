import { DataSource } from 'typeorm';
import { Newsroom } from '../support/newsroom';
import { waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('feed', () => {
  let t: TestApp;
  let news: Newsroom;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  it('delivers a published article to a follower whose feed is already built, through the fan-out', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    expect(await news.feedIds(reader.token)).toEqual([]);
    const article = await news.publish([topic]);
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([article.id]);
  });

  it('shows an article once with every followed topic it carries as a reason', async () => {
    const [a, b, c] = [await news.topic(), await news.topic(), await news.topic()];
    const reader = await news.reader([a, b]);
    await news.feedIds(reader.token);
    const article = await news.publish([a, c, b]);
    await waitForQueuesIdle(t);
    const res = await t.http.get('/v1/feed', { token: reader.token });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].article.id).toBe(article.id);
    expect(res.body.items[0].reasons.map((r: { topic: { slug: string } }) => r.topic.slug)).toEqual([a, b]);
    expect(res.body.items[0].reasons[0].type).toBe('topic');
    expect(res.body.state).toBe('ready');
    expect(res.body.items[0].article).not.toHaveProperty('body');
    expect(res.body.items[0].article).not.toHaveProperty('status');
  });

  // Scheduled articles: test/medium/scheduled-publishing.spec.ts, on a test clock.
  it('never shows drafts', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    await news.publish([topic], { status: 'draft' });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([]);
  });

  it('backfills recent articles of a topic on follow and drops them on unfollow unless another follow carries them', async () => {
    const [a, b] = [await news.topic(), await news.topic()];
    const onlyA = await news.publish([a], { publishedAt: minutesAgo(30) });
    const both = await news.publish([a, b], { publishedAt: minutesAgo(20) });
    await waitForQueuesIdle(t);
    const reader = await news.reader([b]);
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([both.id]);
    await t.http.put(`/v1/me/follows/${a}`, undefined, { token: reader.token });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([both.id, onlyA.id]);
    await t.http.delete(`/v1/me/follows/${a}`, { token: reader.token });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([both.id]);
  });

  it('hides every article carrying a muted topic, even with a followed one, and brings them back on unmute', async () => {
    const [followed, muted] = [await news.topic(), await news.topic()];
    const reader = await news.reader([followed]);
    await news.feedIds(reader.token);
    const plain = await news.publish([followed], { publishedAt: minutesAgo(10) });
    const mixed = await news.publish([followed, muted], { publishedAt: minutesAgo(5) });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([mixed.id, plain.id]);
    await t.http.put(`/v1/me/mutes/${muted}`, undefined, { token: reader.token });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([plain.id]);
    const mutedLater = await news.publish([followed, muted]);
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([plain.id]);
    await t.http.delete(`/v1/me/mutes/${muted}`, { token: reader.token });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([mutedLater.id, mixed.id, plain.id]);
  });

  it('shows an edit at once and takes a retracted article out of the feed the moment DELETE answers', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const article = await news.publish([topic]);
    await waitForQueuesIdle(t);
    await news.feedIds(reader.token);
    const edit = await t.http.patch(`/v1/articles/${article.id}`, { headline: 'Corrected headline' }, { token: news.editor.token });
    expect(edit.status).toBe(200);
    const res = await t.http.get('/v1/feed', { token: reader.token });
    expect(res.body.items[0].article.headline).toBe('Corrected headline');
    const retract = await t.http.delete(`/v1/articles/${article.id}`, { token: news.editor.token });
    expect(retract.status).toBe(204);
    expect(await news.feedIds(reader.token)).toEqual([]);
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([]);
  });

  it('brings an article to followers of a topic added by an edit', async () => {
    const [a, b] = [await news.topic(), await news.topic()];
    const reader = await news.reader([b]);
    await news.feedIds(reader.token);
    const article = await news.publish([a]);
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([]);
    await t.http.patch(`/v1/articles/${article.id}`, { topicSlugs: [a, b] }, { token: news.editor.token });
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([article.id]);
  });

  it('ranks a breaking article above a normal one of the same age, and keeps latest chronological', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const at = minutesAgo(30);
    const older = await news.publish([topic], { publishedAt: minutesAgo(60) });
    const normal = await news.publish([topic], { publishedAt: at });
    const breaking = await news.publish([topic], { publishedAt: at, priority: 'breaking' });
    const fresh = await news.publish([topic], { publishedAt: minutesAgo(1) });
    const stale = await news.publish([topic], { publishedAt: minutesAgo(180) });
    await waitForQueuesIdle(t);
    const ranked = await news.feedIds(reader.token);
    expect(ranked.indexOf(breaking.id)).toBeLessThan(ranked.indexOf(normal.id));
    expect(ranked.indexOf(fresh.id)).toBeLessThan(ranked.indexOf(stale.id));
    // Same publish time: the later-created (higher id) article first.
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([fresh.id, breaking.id, normal.id, older.id, stale.id]);
  });

  it('pages with a cursor without repeating or skipping while new articles arrive', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const published: string[] = [];
    for (let i = 0; i < 12; i++) published.push((await news.publish([topic], { publishedAt: minutesAgo(100 - i) })).id);
    await waitForQueuesIdle(t);
    for (const mode of ['latest', 'ranked']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await t.http.get('/v1/feed', { token: reader.token, query: { mode, limit: '5', ...(cursor ? { cursor } : {}) } });
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((i: { article: { id: string } }) => i.article.id));
        cursor = res.body.nextCursor ?? undefined;
        if (cursor) expect(res.headers.link).toContain('rel="next"');
        if (pages++ === 0) {
          await news.publish([topic]);
          await waitForQueuesIdle(t);
        }
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => published.includes(id)).sort()).toEqual([...published].sort());
    }
  });

  it('answers If-None-Match with 304 and counts new articles since a time', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const since = new Date().toISOString();
    await news.publish([topic], { publishedAt: minutesAgo(5) });
    const fresh = await news.publish([topic]);
    await waitForQueuesIdle(t);
    const first = await t.http.get('/v1/feed', { token: reader.token });
    expect(first.headers.etag).toBeTruthy();
    const again = await t.http.get('/v1/feed', { token: reader.token, headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const count = await t.http.get('/v1/feed/new-count', { token: reader.token, query: { since } });
    expect(count.status).toBe(200);
    expect(count.body).toEqual({ count: 1 });
    expect(fresh.id).toBeTruthy();
    const changed = await t.http.get('/v1/feed', { token: reader.token, headers: { 'if-none-match': 'W/"stale"' } });
    expect(changed.status).toBe(200);
  });

  it('rebuilds a lost feed and a cold reader’s feed from Postgres on the next read', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const db = t.app.get(DataSource);
    await db.query(`UPDATE users SET last_active_at = now() - interval '30 days' WHERE id = $1`, [reader.user.id]);
    const article = await news.publish([topic]);
    await waitForQueuesIdle(t);
    expect(await news.feedIds(reader.token)).toEqual([article.id]);
    const [{ active }] = await db.query(`SELECT last_active_at > now() - interval '1 minute' AS active FROM users WHERE id = $1`, [
      reader.user.id,
    ]);
    expect(active).toBe(true);
  });

  it('rejects bad feed queries with problem documents and needs a token', async () => {
    const reader = await news.reader();
    const badQueries: Record<string, string>[] = [
      { limit: '0' },
      { limit: '51' },
      { limit: 'x' },
      { mode: 'best' },
      { cursor: 'nope' },
      { extra: '1' },
    ];
    for (const query of badQueries) {
      const res = await t.http.get('/v1/feed', { token: reader.token, query });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.http.get('/v1/feed/new-count', { token: reader.token })).status).toBe(400);
    expect((await t.http.get('/v1/feed/new-count', { token: reader.token, query: { since: 'yesterday' } })).status).toBe(400);
    expect((await t.http.get('/v1/feed')).status).toBe(401);
  });
});

describe('feed past the Redis window', () => {
  let t: TestApp;
  let news: Newsroom;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: { FEED_MAX_ITEMS: '10' } });
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  it('continues from Postgres when the reader scrolls past the newest FEED_MAX_ITEMS', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const published: string[] = [];
    for (let i = 0; i < 25; i++) published.push((await news.publish([topic], { publishedAt: minutesAgo(200 - i) })).id);
    await waitForQueuesIdle(t);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.http.get('/v1/feed', {
        token: reader.token,
        query: { mode: 'latest', limit: '4', ...(cursor ? { cursor } : {}) },
      });
      seen.push(...res.body.items.map((i: { article: { id: string } }) => i.article.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...published].reverse());
  });
});
