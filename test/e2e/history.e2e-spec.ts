import { DataSource } from 'typeorm';
import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';
import type { CreatedUser } from '../support/users.factory';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('reading history', () => {
  let t: TestApp;
  let news: Newsroom;

  beforeAll(async () => {
    t = await startTestApp();
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  const send = (reader: CreatedUser, events: Record<string, unknown>[]) =>
    t.http.post('/v1/feed/events', { events }, { token: reader.token });
  const history = async (reader: CreatedUser, query: Record<string, string> = {}) => {
    const res = await t.http.get('/v1/me/history', { token: reader.token, query });
    expect(res.status).toBe(200);
    return res.body as { items: { article: { id: string }; openedAt: string }[]; nextCursor: string | null };
  };

  it('lists opened articles once each, newest open first, from open events only', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const [a, b, c, d] = [
      await news.publish([topic]),
      await news.publish([topic]),
      await news.publish([topic]),
      await news.publish([topic]),
    ];
    const [t1, t2, t3] = [minutesAgo(30), minutesAgo(20), minutesAgo(10)];
    await send(reader, [
      { articleId: a.id, type: 'open', at: t1 },
      { articleId: b.id, type: 'open', at: t2 },
      { articleId: c.id, type: 'dwell', dwellMs: 5000 },
      { articleId: c.id, type: 'save' },
      { articleId: d.id, type: 'hide' },
    ]);
    await t.http.put(`/v1/me/saved/${d.id}`, undefined, { token: reader.token });
    await send(reader, [
      { articleId: a.id, type: 'open', at: t3 },
      { articleId: b.id, type: 'open', at: minutesAgo(40) },
    ]);

    const page = await history(reader);
    expect(page.items.map((i) => [i.article.id, i.openedAt])).toEqual([
      [a.id, t3],
      [b.id, t2],
    ]);
    expect(page.items[0].article).not.toHaveProperty('body');
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor and Link, and drops a retracted article at once', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await news.publish([topic])).id);
    await send(
      reader,
      ids.map((articleId, i) => ({ articleId, type: 'open', at: minutesAgo(50 - i) })),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.http.get('/v1/me/history', { token: reader.token, query: { limit: '2', ...(cursor ? { cursor } : {}) } });
      seen.push(...res.body.items.map((i: { article: { id: string } }) => i.article.id));
      cursor = res.body.nextCursor ?? undefined;
      if (cursor) expect(res.headers.link).toContain('rel="next"');
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    await t.http.delete(`/v1/articles/${ids[4]}`, { token: news.editor.token });
    expect((await history(reader)).items.map((i) => i.article.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
  });

  it('clears the history and the learned affinities, keeping hides and saved stories', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const [a, b] = [await news.publish([topic]), await news.publish([topic])];
    await t.http.put(`/v1/me/saved/${a.id}`, undefined, { token: reader.token });
    await send(reader, [
      { articleId: a.id, type: 'open' },
      { articleId: a.id, type: 'share' },
      { articleId: b.id, type: 'hide' },
    ]);
    const db = t.app.get(DataSource);
    const rows = async (table: string) =>
      Number((await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [reader.user.id]))[0].n);
    expect(await rows('topic_affinities')).toBe(1);

    expect((await t.http.delete('/v1/me/history', { token: reader.token })).status).toBe(204);
    expect((await history(reader)).items).toEqual([]);
    expect(await rows('topic_affinities')).toBe(0);
    expect(await rows('reading_history')).toBe(0);
    expect(await rows('article_hides')).toBe(1);
    expect((await t.http.get('/v1/me/saved', { token: reader.token })).body.items).toHaveLength(1);
    expect(await news.feedIds(reader.token)).toEqual([a.id]);
    expect((await t.http.delete('/v1/me/history', { token: reader.token })).status).toBe(204);
  });

  it('rejects bad queries and needs a token', async () => {
    const reader = await news.reader();
    const badQueries: Record<string, string>[] = [{ limit: '0' }, { limit: '101' }, { cursor: 'nope' }, { extra: '1' }];
    for (const query of badQueries) {
      expect((await t.http.get('/v1/me/history', { token: reader.token, query })).status).toBe(400);
    }
    expect((await t.http.delete('/v1/me/history', { token: reader.token, query: { all: '1' } })).status).toBe(400);
    expect((await t.http.get('/v1/me/history')).status).toBe(401);
    expect((await t.http.delete('/v1/me/history')).status).toBe(401);
  });
});
