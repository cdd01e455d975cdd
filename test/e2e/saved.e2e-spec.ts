import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';

describe('saved stories', () => {
  let t: TestApp;
  let news: Newsroom;

  beforeAll(async () => {
    t = await startTestApp();
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  const savedIds = async (token: string, query: Record<string, string> = {}) => {
    const res = await t.http.get('/v1/me/saved', { token, query });
    expect(res.status).toBe(200);
    return res.body.items.map((i: { article: { id: string } }) => i.article.id);
  };

  it('saves idempotently and lists cards with savedAt, newest save first, paged with a cursor and Link', async () => {
    const topic = await news.topic();
    const reader = await news.reader();
    const [a, b, c] = [await news.publish([topic]), await news.publish([topic]), await news.publish([topic])];
    for (const article of [b, a, c])
      expect((await t.http.put(`/v1/me/saved/${article.id}`, undefined, { token: reader.token })).status).toBe(204);
    const first = await t.http.get('/v1/me/saved', { token: reader.token });
    expect(first.body.items.map((i: { article: { id: string } }) => i.article.id)).toEqual([c.id, a.id, b.id]);
    const item = first.body.items[0];
    expect(Object.keys(item).sort()).toEqual(['article', 'savedAt']);
    expect(item.article.headline).toBe(c.headline);
    expect(item.article).not.toHaveProperty('body');
    expect(item.article).not.toHaveProperty('status');
    expect(new Date(item.savedAt).toISOString()).toBe(item.savedAt);
    expect(first.body.nextCursor).toBeNull();

    // Saving again keeps the first savedAt and position.
    expect((await t.http.put(`/v1/me/saved/${b.id}`, undefined, { token: reader.token })).status).toBe(204);
    expect(await savedIds(reader.token)).toEqual([c.id, a.id, b.id]);

    const page1 = await t.http.get('/v1/me/saved', { token: reader.token, query: { limit: '2' } });
    expect(page1.body.items.map((i: { article: { id: string } }) => i.article.id)).toEqual([c.id, a.id]);
    expect(page1.headers.link).toContain('rel="next"');
    const page2 = await t.http.get('/v1/me/saved', { token: reader.token, query: { limit: '2', cursor: page1.body.nextCursor } });
    expect(page2.body.items.map((i: { article: { id: string } }) => i.article.id)).toEqual([b.id]);
    expect(page2.body.nextCursor).toBeNull();
    expect(page2.headers.link).toBeUndefined();

    expect(await savedIds((await news.reader()).token)).toEqual([]);
  });

  it('unsaves idempotently', async () => {
    const topic = await news.topic();
    const reader = await news.reader();
    const [a, b] = [await news.publish([topic]), await news.publish([topic])];
    await t.http.put(`/v1/me/saved/${a.id}`, undefined, { token: reader.token });
    await t.http.put(`/v1/me/saved/${b.id}`, undefined, { token: reader.token });
    expect((await t.http.delete(`/v1/me/saved/${a.id}`, { token: reader.token })).status).toBe(204);
    expect((await t.http.delete(`/v1/me/saved/${a.id}`, { token: reader.token })).status).toBe(204);
    expect(await savedIds(reader.token)).toEqual([b.id]);
  });

  it('answers 404 ARTICLE_NOT_FOUND for drafts, scheduled, retracted, unknown and malformed ids, saving nothing', async () => {
    const topic = await news.topic();
    const reader = await news.reader();
    const draft = await news.publish([topic], { status: 'draft' });
    const scheduled = await news.publish([topic], { publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
    const retracted = await news.publish([topic]);
    await t.http.delete(`/v1/articles/${retracted.id}`, { token: news.editor.token });
    for (const id of [draft.id, scheduled.id, retracted.id, '999999999', 'abc', '0', '-1', '1'.repeat(30), '%20']) {
      const res = await t.http.put(`/v1/me/saved/${id}`, undefined, { token: reader.token });
      expect({ id, status: res.status, code: res.body?.code }).toEqual({ id, status: 404, code: 'ARTICLE_NOT_FOUND' });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await t.http.delete('/v1/me/saved/abc', { token: reader.token })).status).toBe(404);
    expect(await savedIds(reader.token)).toEqual([]);
  });

  it('drops a retracted article from saved lists the moment it is retracted', async () => {
    const topic = await news.topic();
    const reader = await news.reader();
    const [kept, retracted] = [await news.publish([topic]), await news.publish([topic])];
    await t.http.put(`/v1/me/saved/${kept.id}`, undefined, { token: reader.token });
    await t.http.put(`/v1/me/saved/${retracted.id}`, undefined, { token: reader.token });
    expect(await savedIds(reader.token)).toEqual([retracted.id, kept.id]);
    expect((await t.http.delete(`/v1/articles/${retracted.id}`, { token: news.editor.token })).status).toBe(204);
    expect(await savedIds(reader.token)).toEqual([kept.id]);
    expect(await savedIds(reader.token, { limit: '1' })).toEqual([kept.id]);
  });

  it('rejects bad list queries and needs a token', async () => {
    const reader = await news.reader();
    const badQueries: Record<string, string>[] = [{ limit: '0' }, { limit: '101' }, { limit: 'x' }, { cursor: 'nope' }, { extra: '1' }];
    for (const query of badQueries) {
      const res = await t.http.get('/v1/me/saved', { token: reader.token, query });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.http.put('/v1/me/saved/1', undefined, { token: reader.token, query: { x: '1' } })).status).toBe(400);
    expect((await t.http.get('/v1/me/saved')).status).toBe(401);
    expect((await t.http.put('/v1/me/saved/1')).status).toBe(401);
  });

  it('is in the OpenAPI document with the history and events routes', async () => {
    const doc = await t.http.get('/docs-json');
    const paths = doc.body.paths;
    expect(Object.keys(paths['/v1/me/saved'])).toEqual(['get']);
    expect(Object.keys(paths['/v1/me/saved/{articleId}']).sort()).toEqual(['delete', 'put']);
    expect(Object.keys(paths['/v1/me/history']).sort()).toEqual(['delete', 'get']);
    expect(Object.keys(paths['/v1/feed/events'])).toEqual(['post']);
    expect(paths['/v1/feed/events'].post.responses['202']).toBeDefined();
    expect(paths['/v1/me/saved/{articleId}'].put.responses['404']).toBeDefined();
    const schemas = doc.body.components.schemas;
    expect(Object.keys(schemas.FeedEventDto.properties).sort()).toEqual(['articleId', 'at', 'dwellMs', 'type']);
    expect(Object.keys(schemas.SavedItemResponse.properties).sort()).toEqual(['article', 'savedAt']);
    expect(Object.keys(schemas.HistoryItemResponse.properties).sort()).toEqual(['article', 'openedAt']);
  });
});
