import { DataSource } from 'typeorm';
import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describe('POST /v1/feed/events', () => {
  let t: TestApp;
  let news: Newsroom;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    news = await Newsroom.open(t);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const count = async (table: string, userId: string) =>
    Number((await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [userId]))[0].n);

  it('accepts 1..100 events with 202, stores them append-only and counts what it dropped', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const article = await news.publish([topic]);
    const draft = await news.publish([topic], { status: 'draft' });
    const retracted = await news.publish([topic]);
    await t.http.delete(`/v1/articles/${retracted.id}`, { token: news.editor.token });
    const scheduled = await news.publish([topic], { publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const twoDaysAgo = daysAgo(2);

    const res = await t.http.post(
      '/v1/feed/events',
      {
        events: [
          { articleId: article.id, type: 'open' },
          { articleId: article.id, type: 'dwell', dwellMs: 45_000, at: twoDaysAgo },
          { articleId: article.id, type: 'share', at: future },
          { articleId: '999999999', type: 'open' },
          { articleId: 'not-an-id', type: 'save' },
          { articleId: draft.id, type: 'open' },
          { articleId: retracted.id, type: 'open' },
          { articleId: scheduled.id, type: 'open' },
          { articleId: article.id, type: 'save', at: daysAgo(400) },
        ],
      },
      { token: reader.token },
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 3, dropped: 6 });

    const rows = await db.query(
      `SELECT article_id::text AS article_id, type, dwell_ms, occurred_at FROM feed_events WHERE user_id = $1 ORDER BY id`,
      [reader.user.id],
    );
    expect(rows.map((r: { type: string }) => r.type)).toEqual(['open', 'dwell', 'share']);
    expect(rows.every((r: { article_id: string }) => r.article_id === article.id)).toBe(true);
    expect(rows[1].dwell_ms).toBe(45_000);
    expect(rows[1].occurred_at.toISOString()).toBe(twoDaysAgo);
    // A future time is taken as now.
    expect(rows[2].occurred_at.getTime()).toBeLessThanOrEqual(Date.now());
    const [affinity] = await db.query(`SELECT score FROM topic_affinities WHERE user_id = $1`, [reader.user.id]);
    expect(affinity.score).toBeGreaterThan(0.5);
    expect(affinity.score).toBeLessThanOrEqual(0.7);
  });

  it('accepts a batch that names only unknown articles, dropping all of it', async () => {
    const reader = await news.reader();
    const res = await t.http.post('/v1/feed/events', { events: [{ articleId: '424242', type: 'hide' }] }, { token: reader.token });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 0, dropped: 1 });
    expect(await count('feed_events', reader.user.id)).toBe(0);
  });

  it('rejects bad batches with a 400 naming the field, and stores nothing', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const article = await news.publish([topic]);
    const ok = { articleId: article.id, type: 'open' };
    const cases: [unknown, string][] = [
      [{ events: [] }, 'events'],
      [{ events: Array.from({ length: 101 }, () => ok) }, 'events'],
      [{}, 'events'],
      [{ events: 'open' }, 'events'],
      [{ events: [ok, { articleId: article.id, type: 'like' }] }, 'events.1.type'],
      [{ events: [{ type: 'open' }] }, 'events.0.articleId'],
      [{ events: [{ articleId: Number(article.id), type: 'open' }] }, 'events.0.articleId'],
      [{ events: [{ articleId: '1'.repeat(41), type: 'open' }] }, 'events.0.articleId'],
      [{ events: [{ articleId: article.id, type: 'dwell' }] }, 'events.0.dwellMs'],
      [{ events: [{ articleId: article.id, type: 'dwell', dwellMs: -1 }] }, 'events.0.dwellMs'],
      [{ events: [{ articleId: article.id, type: 'dwell', dwellMs: 86_400_001 }] }, 'events.0.dwellMs'],
      [{ events: [{ articleId: article.id, type: 'dwell', dwellMs: 1.5 }] }, 'events.0.dwellMs'],
      [{ events: [{ articleId: article.id, type: 'dwell', dwellMs: '100' }] }, 'events.0.dwellMs'],
      [{ events: [{ ...ok, at: 'yesterday' }] }, 'events.0.at'],
      [{ events: [{ ...ok, at: '2026-02-30T10:00:00Z' }] }, 'events.0.at'],
      [{ events: [{ ...ok, at: '2026-11-28T10:00:00' }] }, 'events.0.at'],
      [{ events: [{ ...ok, extra: 1 }] }, 'events.0.extra'],
      [{ events: [ok], extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/v1/feed/events', body, { token: reader.token });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const query = await t.http.post('/v1/feed/events', { events: [ok] }, { token: reader.token, query: { x: '1' } });
    expect(query.status).toBe(400);
    const notJson = await t.http.post('/v1/feed/events', undefined, {
      token: reader.token,
      raw: '[1,',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(await count('feed_events', reader.user.id)).toBe(0);
    expect((await t.http.post('/v1/feed/events', { events: [ok] })).status).toBe(401);
  });

  it('lets six batches of one reader race without losing a fold', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const article = await news.publish([topic]);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.http.post('/v1/feed/events', { events: [{ articleId: article.id, type: 'open' }] }, { token: reader.token }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    const [affinity] = await db.query(`SELECT score FROM topic_affinities WHERE user_id = $1`, [reader.user.id]);
    expect(affinity.score).toBeCloseTo(0.6, 5);
    expect(await count('feed_events', reader.user.id)).toBe(6);
  });

  it('erases the reader’s events, affinities, hides, history and saved items with the account', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const [a, b] = [await news.publish([topic]), await news.publish([topic])];
    await t.http.put(`/v1/me/saved/${a.id}`, undefined, { token: reader.token });
    await t.http.post(
      '/v1/feed/events',
      {
        events: [
          { articleId: a.id, type: 'open' },
          { articleId: b.id, type: 'hide' },
        ],
      },
      { token: reader.token },
    );
    const tables = ['feed_events', 'topic_affinities', 'article_hides', 'reading_history', 'saved_articles'];
    const before = await Promise.all(tables.map((table) => count(table, reader.user.id)));
    expect(before).toEqual([2, 1, 1, 1, 1]);

    expect((await t.http.delete('/v1/me', { token: reader.token })).status).toBe(204);
    for (const table of tables) expect({ table, n: await count(table, reader.user.id) }).toEqual({ table, n: 0 });
  });
});
