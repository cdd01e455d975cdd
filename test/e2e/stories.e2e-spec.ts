import { DataSource } from 'typeorm';
import { BAD_CARD_LIST_QUERIES, expectRefused, readEveryPage } from '../support/card-list-checks';
import { createUser } from '../support/users.factory';
import { startTestApp, TestApp } from '../support/test-app';

describe('storyKey and GET /v1/stories/{key}', () => {
  let t: TestApp;
  let editor: string;
  let reader: string;
  let n = 0;

  const post = async (overrides: Record<string, unknown>) => {
    const res = await t.http.post(
      '/v1/articles',
      { headline: `Story article ${++n}`, body: 'Body text', topicSlugs: ['summit'], ...overrides },
      { token: editor },
    );
    expect(res.status).toBe(201);
    return res.body as { id: string; headline: string; publishedAt: string; storyKey: string | null };
  };
  const patch = (id: string, body: Record<string, unknown>) => t.http.patch(`/v1/articles/${id}`, body, { token: editor });
  const story = (key: string, query?: Record<string, string>) => t.http.get(`/v1/stories/${key}`, { query });
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const topicCard = async (slug: string, id: string) =>
    ((await t.http.get(`/v1/topics/${slug}/articles`)).body.items as { id: string; storyKey: string | null }[]).find((c) => c.id === id);

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DataSource).query(`INSERT INTO topics (slug, name) VALUES ('summit', 'Summit'), ('other', 'Other')`);
    editor = (await createUser(t, { role: 'editor' })).token;
    reader = (await createUser(t)).token;
  });
  afterAll(() => t.close());

  it('takes storyKey on POST and shows it on the article and its card; null when left out', async () => {
    const withKey = await post({ storyKey: 'g20-summit-2026' });
    expect(withKey.storyKey).toBe('g20-summit-2026');
    const without = await post({});
    expect(without.storyKey).toBeNull();
    expect((await t.http.get(`/v1/articles/${withKey.id}`)).body.storyKey).toBe('g20-summit-2026');
    expect(await topicCard('summit', withKey.id)).toMatchObject({ storyKey: 'g20-summit-2026' });
    expect(await topicCard('summit', without.id)).toMatchObject({ storyKey: null });
  });

  it('lets PATCH set, change and clear storyKey, and cached cards show it at once', async () => {
    const a = await post({ topicSlugs: ['other'] });
    expect(await topicCard('other', a.id)).toMatchObject({ storyKey: null }); // now cached
    expect((await patch(a.id, { storyKey: 'trade-war' })).body.storyKey).toBe('trade-war');
    expect(await topicCard('other', a.id)).toMatchObject({ storyKey: 'trade-war' });
    expect((await patch(a.id, { storyKey: 'trade-talks' })).body.storyKey).toBe('trade-talks');
    expect(await topicCard('other', a.id)).toMatchObject({ storyKey: 'trade-talks' });
    expect((await patch(a.id, { headline: 'Untouched key' })).body.storyKey).toBe('trade-talks');
    expect((await patch(a.id, { storyKey: null })).body.storyKey).toBeNull();
    expect(await topicCard('other', a.id)).toMatchObject({ storyKey: null });
    expect((await story('trade-talks')).status).toBe(404);
  });

  it('shows storyKey on feed cards', async () => {
    const follower = await createUser(t);
    expect((await t.http.put('/v1/me/follows/other', {}, { token: follower.token })).status).toBe(200);
    const a = await post({ topicSlugs: ['other'], storyKey: 'feed-story' });
    let item: { article: { id: string; storyKey: string | null } } | undefined;
    for (let i = 0; i < 50 && !item; i++) {
      const feed = await t.http.get('/v1/feed', { token: follower.token, query: { mode: 'latest' } });
      item = (feed.body.items as { article: { id: string; storyKey: string | null } }[]).find((x) => x.article.id === a.id);
      if (!item) await new Promise((r) => setTimeout(r, 100));
    }
    expect(item?.article.storyKey).toBe('feed-story');
  });

  it.each([
    ['', 'empty'],
    ['x'.repeat(101), 'too long'],
    ['Upper-Case', 'upper case'],
    ['two--hyphens', 'a double hyphen'],
    ['-leading', 'a leading hyphen'],
    ['trailing-', 'a trailing hyphen'],
    ['with space', 'a space'],
    [42, 'a number'],
  ])(
    'refuses the storyKey %p (%s) with a 400 naming storyKey, on POST and PATCH, changing nothing',
    async (storyKey: unknown, _why: string) => {
      const created = await t.http.post(
        '/v1/articles',
        { headline: 'Refused', body: 'B', topicSlugs: ['summit'], storyKey },
        { token: editor },
      );
      expect(created.status).toBe(400);
      expect(created.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(created.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'storyKey' })]));
      const a = await post({ storyKey: 'kept-key' });
      const patched = await patch(a.id, { storyKey });
      expect(patched.status).toBe(400);
      expect(patched.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'storyKey' })]));
      expect((await t.http.get(`/v1/articles/${a.id}`)).body.storyKey).toBe('kept-key');
    },
  );

  it('accepts a storyKey of 100 characters', async () => {
    expect((await post({ storyKey: 'a'.repeat(100) })).storyKey).toBe('a'.repeat(100));
  });

  it("lists the story's published, due cards newest first, without drafts, scheduled, retracted or other stories' articles", async () => {
    const old = await post({ storyKey: 'election', publishedAt: minutesAgo(30) });
    const newest = await post({ storyKey: 'election', publishedAt: minutesAgo(1), topicSlugs: ['other'] });
    const middle = await post({ storyKey: 'election', publishedAt: minutesAgo(10) });
    await post({ storyKey: 'election', status: 'draft' });
    await post({ storyKey: 'election', publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
    const retracted = await post({ storyKey: 'election', publishedAt: minutesAgo(5) });
    expect((await t.http.delete(`/v1/articles/${retracted.id}`, { token: editor })).status).toBe(204);
    await post({ storyKey: 'election-night', publishedAt: minutesAgo(2) });
    await post({ publishedAt: minutesAgo(3) });

    const res = await story('election');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(ids(res)).toEqual([newest.id, middle.id, old.id]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.headers.link).toBeUndefined();
    expect(res.body.items[0]).toMatchObject({ id: newest.id, storyKey: 'election', topics: [{ slug: 'other', name: 'Other' }] });
    expect(res.body.items[0].body).toBeUndefined();
    // Readers and anonymous callers see the same.
    expect(ids(await t.http.get('/v1/stories/election', { token: reader }))).toEqual(ids(res));
  });

  it('pages with the cursor and the Link header, never repeating or skipping', async () => {
    const same = minutesAgo(20);
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await post({ storyKey: 'paging-story', publishedAt: i % 2 ? same : minutesAgo(i) }));
    const expected = [...created]
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || Number(b.id) - Number(a.id))
      .map((a) => a.id);

    const { seen, pages } = await readEveryPage((query) => story('paging-story', query), '/v1/stories/paging-story', 3);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('takes 20 cards by default', async () => {
    for (let i = 0; i < 21; i++) await post({ storyKey: 'long-story', publishedAt: minutesAgo(100 + i) });
    const res = await story('long-story');
    expect(res.body.items).toHaveLength(20);
    const rest = await story('long-story', { cursor: res.body.nextCursor });
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('answers 404 STORY_NOT_FOUND for a key no published article carries, and for a malformed key', async () => {
    await post({ storyKey: 'only-drafts', status: 'draft' });
    const gone = await post({ storyKey: 'only-retracted' });
    await t.http.delete(`/v1/articles/${gone.id}`, { token: editor });
    await post({ storyKey: 'only-scheduled', publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
    for (const key of ['no-such-story', 'only-drafts', 'only-retracted', 'only-scheduled', 'NOT%20A%20KEY', 'Upper', 'x'.repeat(101)]) {
      const res = await story(key);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('STORY_NOT_FOUND');
    }
  });

  it.each(BAD_CARD_LIST_QUERIES)('refuses the query %p with a 400 naming %s', async (query, field) => {
    await post({ storyKey: 'query-story' });
    expectRefused(await story('query-story', query), field);
  });
});
