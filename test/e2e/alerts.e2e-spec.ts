import { DataSource } from 'typeorm';
import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { listen, SseClient } from './feed-stream-sse-client';

interface Alert {
  id: string;
  article: { id: string; headline: string };
  reason: { type: string; topic: { slug: string; name: string } };
  createdAt: string;
  read: boolean;
  pushed: boolean;
}

describe('alerts', () => {
  let t: TestApp;
  let news: Newsroom;
  let db: DataSource;
  let base: string;

  const alerts = async (token: string, query: Record<string, string> = {}) => {
    const res = await t.http.get('/v1/me/alerts', { token, query });
    expect(res.status).toBe(200);
    return res.body as { items: Alert[]; nextCursor: string | null };
  };
  const articleIds = async (token: string) => (await alerts(token)).items.map((a) => a.article.id);
  const unread = async (token: string) => ((await t.http.get('/v1/me/alerts/unread-count', { token })).body as { count: number }).count;
  const settings = (token: string, s: Record<string, unknown>) =>
    t.http.put('/v1/me/alert-settings', { breaking: true, topics: [], quietHours: null, maxPerDay: 10, ...s }, { token });

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    db = t.app.get(DataSource);
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('alerts followers of a breaking article, naming the followed topic; not for a normal one', async () => {
    const [a, b] = [await news.topic('Alpha news'), await news.topic()];
    const reader = await news.reader([a]);
    const outsider = await news.reader([b]);
    const normal = await news.publish([a]);
    const breaking = await news.publish([b, a], { priority: 'breaking', headline: 'Quake hits city' });
    await waitForQueuesIdle(t);
    const list = await alerts(reader.token);
    expect(list.items).toEqual([
      {
        id: expect.any(String),
        article: expect.objectContaining({ id: breaking.id, headline: 'Quake hits city' }),
        reason: { type: 'breaking', topic: { slug: a, name: 'Alpha news' } },
        createdAt: expect.stringMatching(/Z$/),
        read: false,
        pushed: false,
      },
    ]);
    expect(list.items[0].article).not.toHaveProperty('body');
    expect(list.nextCursor).toBeNull();
    expect(await articleIds(outsider.token)).toEqual([breaking.id]);
    expect(normal.id).not.toBe(breaking.id);
  });

  it('alerts every article of a topic in the reader’s topics, followed or not; breaking off stops breaking alerts', async () => {
    const [a, b] = [await news.topic(), await news.topic('Bee')];
    const reader = await news.reader([a]);
    expect((await settings(reader.token, { breaking: false, topics: [b] })).status).toBe(200);
    const breakingA = await news.publish([a], { priority: 'breaking' });
    const normalB = await news.publish([b]);
    await waitForQueuesIdle(t);
    const list = await alerts(reader.token);
    expect(list.items.map((i) => i.article.id)).toEqual([normalB.id]);
    expect(list.items[0].reason).toEqual({ type: 'topic', topic: { slug: b, name: 'Bee' } });
    expect(breakingA.id).toBeTruthy();
  });

  it('never alerts for a muted topic or a muted word, however the reader asked', async () => {
    const [a, m] = [await news.topic(), await news.topic()];
    const mutedTopic = await news.reader([a], [m]);
    const mutedWord = await news.reader([a]);
    await settings(mutedWord.token, { topics: [a] });
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'volcano' }, { token: mutedWord.token })).status).toBe(201);
    const withMutedTopic = await news.publish([a, m], { priority: 'breaking' });
    const wordArticle = await news.publish([a], { priority: 'breaking', headline: 'Volcano erupts' });
    const inSummary = await news.publish([a], { summary: ['Ash cloud', 'The VOLCANO, again'] });
    const plural = await news.publish([a], { priority: 'breaking', headline: 'Volcanoes of the world' });
    await waitForQueuesIdle(t);
    expect(await articleIds(mutedTopic.token)).toEqual([plural.id, wordArticle.id]);
    expect(await articleIds(mutedTopic.token)).not.toContain(withMutedTopic.id);
    expect(await articleIds(mutedWord.token)).toEqual([plural.id, withMutedTopic.id]);
    expect(inSummary.id).toBeTruthy();
  });

  it('leaves out of the list and the count the alerts of a word muted since, until the word is deleted', async () => {
    const a = await news.topic();
    const reader = await news.reader([a]);
    const tsunami = await news.publish([a], { priority: 'breaking', headline: 'Tsunami warning issued' });
    const other = await news.publish([a], { priority: 'breaking', summary: ['Calm seas', 'No tsunami expected'] });
    const plain = await news.publish([a], { priority: 'breaking', headline: 'Markets open higher' });
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([plain.id, other.id, tsunami.id]);
    expect(await unread(reader.token)).toBe(3);

    const muted = await t.http.post('/v1/me/muted-words', { phrase: 'tsunami' }, { token: reader.token });
    expect(muted.status).toBe(201);
    expect(await articleIds(reader.token)).toEqual([plain.id]);
    expect(await unread(reader.token)).toBe(1);

    expect((await t.http.delete(`/v1/me/muted-words/${muted.body.id}`, { token: reader.token })).status).toBe(204);
    expect(await articleIds(reader.token)).toEqual([plain.id, other.id, tsunami.id]);
    expect(await unread(reader.token)).toBe(3);
  });

  it('alerts once per reader and article: edits and a later change to breaking add nothing', async () => {
    const a = await news.topic();
    const reader = await news.reader([a]);
    const article = await news.publish([a], { priority: 'breaking' });
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([article.id]);
    for (const headline of ['Edit one', 'Edit two']) {
      expect((await t.http.patch(`/v1/articles/${article.id}`, { headline }, { token: news.editor.token })).status).toBe(200);
    }
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([article.id]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM alerts WHERE article_id = $1`, [article.id]);
    expect(n).toBe(1);
  });

  it('an edit that makes an article breaking alerts then, and only once', async () => {
    const a = await news.topic();
    const reader = await news.reader([a]);
    const article = await news.publish([a]);
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([]);
    await t.http.patch(`/v1/articles/${article.id}`, { priority: 'breaking' }, { token: news.editor.token });
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([article.id]);
    await t.http.patch(`/v1/articles/${article.id}`, { headline: 'Now updated' }, { token: news.editor.token });
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([article.id]);
  });

  it('a scheduled article alerts when its time comes, not before', async () => {
    const a = await news.topic();
    const reader = await news.reader([a]);
    const article = await news.publish([a], { priority: 'breaking', publishedAt: new Date(Date.now() + 2500).toISOString() });
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([]);
    await eventually(async () => (await articleIds(reader.token)).includes(article.id), { timeoutMs: 15_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(article.publishedAt as string));
  });

  it('a draft alerts when it is published', async () => {
    const a = await news.topic();
    const reader = await news.reader([a]);
    const draft = await news.publish([a], { priority: 'breaking', status: 'draft' });
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([]);
    await t.http.patch(`/v1/articles/${draft.id}`, { status: 'published' }, { token: news.editor.token });
    await waitForQueuesIdle(t);
    expect(await articleIds(reader.token)).toEqual([draft.id]);
  });

  it('pages newest first with nextCursor and Link; limit 1..50; bad limits and cursors are 400 problem+json', async () => {
    const a = await news.topic();
    const reader = await news.reader();
    await settings(reader.token, { topics: [a] });
    const published = [];
    // One at a time: the list is in creation order, and concurrent plans may create in any order.
    for (let i = 0; i < 5; i++) {
      published.push((await news.publish([a])).id);
      await waitForQueuesIdle(t);
    }
    const first = await t.http.get('/v1/me/alerts', { token: reader.token, query: { limit: '2' } });
    expect(first.body.items).toHaveLength(2);
    expect(first.headers.link).toContain('rel="next"');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await alerts(reader.token, { limit: '2', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.article.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...published].reverse());
    expect((await alerts(reader.token)).items).toHaveLength(5);
    const bad: Record<string, string>[] = [{ limit: '0' }, { limit: '51' }, { limit: 'x' }, { cursor: 'forged' }, { other: '1' }];
    for (const query of bad) {
      const res = await t.http.get('/v1/me/alerts', { token: reader.token, query });
      expect([query, res.status, res.headers['content-type']]).toEqual([query, 400, expect.stringContaining('application/problem+json')]);
      expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('counts unread, marks read up to an alert or all; unknown id is 404 ALERT_NOT_FOUND', async () => {
    const a = await news.topic();
    const reader = await news.reader();
    const other = await news.reader();
    await settings(reader.token, { topics: [a] });
    await settings(other.token, { topics: [a] });
    for (let i = 0; i < 4; i++) await news.publish([a]);
    await waitForQueuesIdle(t);
    expect(await unread(reader.token)).toBe(4);
    const items = (await alerts(reader.token)).items;
    expect((await t.http.post('/v1/me/alerts/read', { upTo: items[2].id }, { token: reader.token })).status).toBe(204);
    expect(await unread(reader.token)).toBe(2);
    expect((await alerts(reader.token)).items.map((i) => i.read)).toEqual([false, false, true, true]);
    const othersAlert = (await alerts(other.token)).items[0].id;
    for (const upTo of [othersAlert, '999999999', 'abc']) {
      const res = await t.http.post('/v1/me/alerts/read', { upTo }, { token: reader.token });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ALERT_NOT_FOUND');
    }
    expect(await unread(other.token)).toBe(4);
    expect((await t.http.post('/v1/me/alerts/read', {}, { token: reader.token })).status).toBe(204);
    expect(await unread(reader.token)).toBe(0);
    expect((await t.http.post('/v1/me/alerts/read', { upTo: 5 }, { token: reader.token })).status).toBe(400);
  });

  it('a retracted article’s alerts vanish from the list and the counts at once', async () => {
    const a = await news.topic();
    const reader = await news.reader([a]);
    const keep = await news.publish([a], { priority: 'breaking' });
    const gone = await news.publish([a], { priority: 'breaking' });
    await waitForQueuesIdle(t);
    expect(await unread(reader.token)).toBe(2);
    expect((await t.http.delete(`/v1/articles/${gone.id}`, { token: news.editor.token })).status).toBe(204);
    expect(await articleIds(reader.token)).toEqual([keep.id]);
    expect(await unread(reader.token)).toBe(1);
  });

  it('sends an alert event on the reader’s live stream', async () => {
    const a = await news.topic('Stream topic');
    const reader = await news.reader([a]);
    const client = await SseClient.open(base, '/v1/feed/stream', { authorization: `Bearer ${reader.token}` });
    try {
      expect(client.status).toBe(200);
      const article = await news.publish([a], { priority: 'breaking' });
      await client.waitFor((c) => c.events.some((e) => e.event === 'alert'), 10_000);
      const event = client.events.find((e) => e.event === 'alert')!;
      const [alert] = (await alerts(reader.token)).items;
      expect(JSON.parse(event.data!)).toEqual({
        alertId: alert.id,
        articleId: article.id,
        reason: { type: 'breaking', topic: { slug: a, name: 'Stream topic' } },
      });
      expect(event.id).toBeUndefined();
    } finally {
      client.close();
    }
  });

  it('needs a token', async () => {
    expect((await t.http.get('/v1/me/alerts')).status).toBe(401);
    expect((await t.http.get('/v1/me/alerts/unread-count')).status).toBe(401);
  });
});
