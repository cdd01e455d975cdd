import { DataSource } from 'typeorm';
import { BAD_CARD_LIST_QUERIES, expectRefused, readEveryPage } from '../support/card-list-checks';
import { createUser } from '../support/users.factory';
import { startTestApp, TestApp } from '../support/test-app';

const CARD_KEYS = [
  'id',
  'slug',
  'headline',
  'summary',
  'imageUrl',
  'imageCaption',
  'authors',
  'topics',
  'priority',
  'storyKey',
  'publishedAt',
  'updatedAt',
].sort();

describe('GET /v1/topics/{slug}/articles', () => {
  let t: TestApp;
  let editor: string;
  let n = 0;

  const post = async (overrides: Record<string, unknown>) => {
    const res = await t.http.post(
      '/v1/articles',
      { headline: `Story ${++n}`, body: 'Body text', topicSlugs: ['economy'], ...overrides },
      { token: editor },
    );
    expect(res.status).toBe(201);
    return res.body as { id: string; headline: string; publishedAt: string };
  };
  const list = (slug: string, query?: Record<string, string>) => t.http.get(`/v1/topics/${slug}/articles`, { query });
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    await t.app
      .get(DataSource)
      .query(
        `INSERT INTO topics (slug, name) VALUES ('economy', 'Economy'), ('sport', 'Sport'), ('arts', 'Arts'), ('paging', 'Paging'), ('empty', 'Empty')`,
      );
    editor = (await createUser(t, { role: 'editor' })).token;
  });
  afterAll(() => t.close());

  it("lists the topic's cards newest first, without other topics' articles, drafts or scheduled ones", async () => {
    const old = await post({ topicSlugs: ['sport', 'arts'], publishedAt: minutesAgo(30), summary: ['Point'] });
    const newest = await post({ topicSlugs: ['arts'], publishedAt: minutesAgo(1) });
    const middle = await post({ topicSlugs: ['arts'], publishedAt: minutesAgo(10) });
    await post({ topicSlugs: ['sport'], publishedAt: minutesAgo(5) });
    await post({ topicSlugs: ['arts'], status: 'draft' });
    await post({ topicSlugs: ['arts'], publishedAt: new Date(Date.now() + 3_600_000).toISOString() });

    const res = await list('arts');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(ids(res)).toEqual([newest.id, middle.id, old.id]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.headers.link).toBeUndefined();
    const card = res.body.items[2];
    expect(Object.keys(card).sort()).toEqual(CARD_KEYS);
    expect(card).toMatchObject({
      id: old.id,
      headline: old.headline,
      summary: ['Point'],
      topics: [
        { slug: 'sport', name: 'Sport' },
        { slug: 'arts', name: 'Arts' },
      ],
      priority: 'normal',
      publishedAt: old.publishedAt,
    });
  });

  it('pages with the cursor and the Link header, never repeating or skipping', async () => {
    // Several articles share a publishedAt: the id breaks the tie.
    const same = minutesAgo(20);
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await post({ topicSlugs: ['paging'], publishedAt: i % 2 ? same : minutesAgo(i) }));
    const expected = [...created]
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || Number(b.id) - Number(a.id))
      .map((a) => a.id);

    const { seen, pages } = await readEveryPage((query) => list('paging', query), '/v1/topics/paging/articles', 3);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('takes 20 cards by default', async () => {
    for (let i = 0; i < 21; i++) await post({ topicSlugs: ['economy'], publishedAt: minutesAgo(100 + i) });
    const res = await list('economy');
    expect(res.body.items).toHaveLength(20);
    expect(res.body.nextCursor).toEqual(expect.any(String));
    const rest = await list('economy', { cursor: res.body.nextCursor });
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
  });

  // A scheduled article showing once its time has come: test/medium/scheduled-publishing.spec.ts, on a test clock.

  it('shows an edit at once and drops a retracted article', async () => {
    const story = await post({ topicSlugs: ['sport'], publishedAt: minutesAgo(2) });
    expect(ids(await list('sport'))).toContain(story.id); // now cached
    const edit = await t.http.patch(`/v1/articles/${story.id}`, { headline: 'Edited headline' }, { token: editor });
    expect(edit.status).toBe(200);
    const afterEdit = await list('sport');
    expect(afterEdit.body.items.find((c: { id: string }) => c.id === story.id).headline).toBe('Edited headline');

    const moved = await t.http.patch(`/v1/articles/${story.id}`, { topicSlugs: ['arts'] }, { token: editor });
    expect(moved.status).toBe(200);
    expect(ids(await list('sport'))).not.toContain(story.id);
    expect(ids(await list('arts'))).toContain(story.id);

    expect((await t.http.delete(`/v1/articles/${story.id}`, { token: editor })).status).toBe(204);
    expect(ids(await list('arts'))).not.toContain(story.id);
  });

  it('answers an empty list for a topic without articles', async () => {
    const res = await list('empty');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('answers 404 TOPIC_NOT_FOUND for an unknown topic', async () => {
    for (const slug of ['no-such-topic', 'NOT%20A%20SLUG', 'x'.repeat(300)]) {
      const res = await list(slug);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('TOPIC_NOT_FOUND');
    }
  });

  it.each(BAD_CARD_LIST_QUERIES)('refuses the query %p with a 400 naming %s', async (query, field) => {
    expectRefused(await list('economy', query), field);
  });
});
