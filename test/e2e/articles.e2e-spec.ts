import { DataSource } from 'typeorm';
import { recordPostgresQueries, transactionOf } from '../support/postgres-queries';
import { createUser } from '../support/users.factory';
import { startTestApp, TestApp } from '../support/test-app';

const ARTICLE_KEYS = [
  'id',
  'slug',
  'headline',
  'summary',
  'body',
  'imageUrl',
  'imageCaption',
  'authors',
  'topics',
  'status',
  'priority',
  'storyKey',
  'publishedAt',
  'updatedAt',
].sort();

describe('articles', () => {
  let t: TestApp;
  let db: DataSource;
  let editor: string;
  let admin: string;
  let reader: string;
  let n = 0;

  const article = (overrides: Record<string, unknown> = {}) => ({
    headline: `Council approves new harbour bridge ${++n}`,
    body: 'The city council voted on Tuesday to approve the bridge.',
    topicSlugs: ['politics'],
    ...overrides,
  });
  const post = (body: unknown, token = editor) => t.http.post('/v1/articles', body, { token });
  const count = async () => Number((await db.query('SELECT count(*)::int AS n FROM articles'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    await db.query(`INSERT INTO topics (slug, name) VALUES ('politics', 'Politics'), ('science', 'Science'), ('climate', 'Climate')`);
    editor = (await createUser(t, { role: 'editor' })).token;
    admin = (await createUser(t, { role: 'admin' })).token;
    reader = (await createUser(t, { role: 'reader' })).token;
  });
  afterAll(() => t.close());

  describe('POST /v1/articles', () => {
    it('writes a new article in one transaction of three statements: the row, its topics and its fan-out intent', async () => {
      const queries = recordPostgresQueries();
      try {
        expect((await post(article({ topicSlugs: ['science', 'politics'] }))).status).toBe(201);
      } finally {
        queries.restore();
      }
      expect(transactionOf(queries.sent, /^INSERT INTO "articles"/)).toEqual([
        'START TRANSACTION',
        expect.stringMatching(/^INSERT INTO "articles"/),
        expect.stringMatching(/^INSERT INTO article_topics/),
        expect.stringMatching(/^INSERT INTO fanout_outbox/),
        'COMMIT',
      ]);
    });

    it('creates a published article with the defaults filled in', async () => {
      const before = Date.now();
      const res = await post({ headline: 'Señor Müller wins the Tour!', body: 'Text', topicSlugs: ['science', 'politics'] });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(ARTICLE_KEYS);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[1-9]\d*$/),
        slug: 'senor-muller-wins-the-tour',
        headline: 'Señor Müller wins the Tour!',
        body: 'Text',
        summary: [],
        imageUrl: null,
        imageCaption: null,
        authors: [],
        topics: [
          { slug: 'science', name: 'Science' },
          { slug: 'politics', name: 'Politics' },
        ],
        status: 'published',
        priority: 'normal',
      });
      const publishedAt = Date.parse(res.body.publishedAt);
      expect(res.body.publishedAt).toBe(new Date(publishedAt).toISOString());
      expect(publishedAt).toBeGreaterThanOrEqual(before);
      expect(publishedAt).toBeLessThanOrEqual(Date.now());
    });

    it('keeps every optional field as given and collapses duplicate topics', async () => {
      const res = await post(
        article({
          summary: ['One', 'Two'],
          imageUrl: 'https://img.example.com/a.jpg',
          imageCaption: 'The bridge at dusk',
          authors: ['Ann Lee', 'Bo Chan'],
          status: 'draft',
          priority: 'breaking',
          publishedAt: '2026-01-02T03:04:05+01:00',
          topicSlugs: ['climate', 'politics', 'climate'],
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        summary: ['One', 'Two'],
        imageUrl: 'https://img.example.com/a.jpg',
        imageCaption: 'The bridge at dusk',
        authors: ['Ann Lee', 'Bo Chan'],
        status: 'draft',
        priority: 'breaking',
        publishedAt: '2026-01-02T02:04:05.000Z',
        topics: [
          { slug: 'climate', name: 'Climate' },
          { slug: 'politics', name: 'Politics' },
        ],
      });
      const rows = await db.query(`SELECT topic_id::text, position, listed FROM article_topics WHERE article_id = $1 ORDER BY position`, [
        res.body.id,
      ]);
      expect(rows.map((r: { position: number; listed: boolean }) => [r.position, r.listed])).toEqual([
        [0, false],
        [1, false],
      ]);
    });

    it.each([
      ['a headline over 300 chars', { headline: 'x'.repeat(301) }, 'headline'],
      ['a blank headline', { headline: '   ' }, 'headline'],
      ['a missing headline', { headline: undefined }, 'headline'],
      ['a headline that is not a string', { headline: 42 }, 'headline'],
      ['an empty body', { body: '' }, 'body'],
      ['a body over 100000 chars', { body: 'x'.repeat(100_001) }, 'body'],
      ['11 topics', { topicSlugs: Array.from({ length: 11 }, () => 'politics') }, 'topicSlugs'],
      ['no topics', { topicSlugs: [] }, 'topicSlugs'],
      ['topics that are not strings', { topicSlugs: [1] }, 'topicSlugs'],
      ['6 summary bullets', { summary: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'summary'],
      ['an empty summary bullet', { summary: [''] }, 'summary'],
      ['a summary bullet over 500 chars', { summary: ['x'.repeat(501)] }, 'summary'],
      ['an image URL that is not http(s)', { imageUrl: 'javascript:alert(1)' }, 'imageUrl'],
      ['an image URL over 2000 chars', { imageUrl: `https://example.com/${'x'.repeat(2000)}` }, 'imageUrl'],
      ['a caption over 1000 chars', { imageCaption: 'x'.repeat(1001) }, 'imageCaption'],
      ['21 authors', { authors: Array.from({ length: 21 }, (_, i) => `A${i}`) }, 'authors'],
      ['an author over 200 chars', { authors: ['x'.repeat(201)] }, 'authors'],
      ['status retracted', { status: 'retracted' }, 'status'],
      ['an unknown priority', { priority: 'urgent' }, 'priority'],
      ['a publishedAt that is not a date', { publishedAt: 'tomorrow' }, 'publishedAt'],
      ['a publishedAt without a time', { publishedAt: '2026-11-28' }, 'publishedAt'],
      ['a publishedAt without a time zone', { publishedAt: '2026-11-28T10:00:00' }, 'publishedAt'],
      ['an impossible publishedAt', { publishedAt: '2026-02-30T10:00:00Z' }, 'publishedAt'],
      ['a numeric publishedAt', { publishedAt: 1764326596000 }, 'publishedAt'],
      ['an empty externalId', { externalId: '' }, 'externalId'],
      ['an externalId over 200 chars', { externalId: 'x'.repeat(201) }, 'externalId'],
      ['an unknown field', { color: 'red' }, 'color'],
    ])('refuses %s with a 400 naming the field, changing nothing', async (_name, overrides, field) => {
      const before = await count();
      const res = await post(article(overrides));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await count()).toBe(before);
    });

    it('refuses unknown topic slugs, naming each of them', async () => {
      const before = await count();
      const res = await post(article({ topicSlugs: ['politics', 'no-such-topic', 'nor-this'] }));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].field).toBe('topicSlugs');
      expect(res.body.errors[0].message).toContain('no-such-topic');
      expect(res.body.errors[0].message).toContain('nor-this');
      expect(res.body.errors[0].message).not.toContain('politics');
      expect(await count()).toBe(before);
    });

    it('refuses a body that is not a JSON object and unknown query parameters', async () => {
      expect((await post(['x'])).status).toBe(400);
      expect((await t.http.post('/v1/articles', article(), { token: editor, query: { x: '1' } })).status).toBe(400);
    });

    it('is for editors and admins only', async () => {
      const anonymous = await t.http.post('/v1/articles', article());
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHORIZED');
      const asReader = await post(article(), reader);
      expect(asReader.status).toBe(403);
      expect(asReader.body.code).toBe('FORBIDDEN');
      expect((await post(article(), admin)).status).toBe(201);
    });

    it('updates the article of a known externalId and answers 200 with the same id', async () => {
      const first = await post(article({ externalId: 'cms-1', headline: 'First take' }));
      expect(first.status).toBe(201);
      const second = await post(article({ externalId: 'cms-1', headline: 'Second take', topicSlugs: ['science'] }));
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({
        id: first.body.id,
        headline: 'Second take',
        slug: 'second-take',
        topics: [{ slug: 'science', name: 'Science' }],
        publishedAt: first.body.publishedAt,
      });
      const rows = await db.query(`SELECT id::text, version FROM articles WHERE external_id = 'cms-1'`);
      expect(rows).toEqual([{ id: first.body.id, version: 2 }]);
    });

    it('gives one article for concurrent POSTs of one new externalId', async () => {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => post(article({ externalId: 'cms-race', headline: `Race ${i}` }))),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      const rows = await db.query(`SELECT count(*)::int AS n FROM articles WHERE external_id = 'cms-race'`);
      expect(rows[0].n).toBe(1);
    });

    it('publishes a draft when the same externalId comes again as published', async () => {
      const draft = await post(article({ externalId: 'cms-draft', status: 'draft' }));
      expect((await t.http.get(`/v1/articles/${draft.body.id}`, { token: reader })).status).toBe(404);
      const again = await post(article({ externalId: 'cms-draft', status: 'published' }));
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('published');
      expect((await t.http.get(`/v1/articles/${draft.body.id}`, { token: reader })).status).toBe(200);
    });
    it('refuses to update a retracted article through its externalId with 409', async () => {
      const first = await post(article({ externalId: 'cms-gone' }));
      expect((await t.http.delete(`/v1/articles/${first.body.id}`, { token: editor })).status).toBe(204);
      const again = await post(article({ externalId: 'cms-gone', headline: 'Back from the dead' }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ARTICLE_RETRACTED');
      expect((await t.http.get(`/v1/articles/${first.body.id}`, { token: editor })).body.headline).toBe(first.body.headline);
    });
  });

  describe('GET /v1/articles/{id}', () => {
    it('shows a published article to anyone', async () => {
      const created = await post(article());
      for (const token of [undefined, reader]) {
        const res = await t.http.get(`/v1/articles/${created.body.id}`, { token });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(created.body);
      }
    });

    it('shows drafts to editors and admins only', async () => {
      const draft = await post(article({ status: 'draft' }));
      for (const token of [undefined, reader]) {
        const res = await t.http.get(`/v1/articles/${draft.body.id}`, { token });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('ARTICLE_NOT_FOUND');
      }
      for (const token of [editor, admin]) {
        const res = await t.http.get(`/v1/articles/${draft.body.id}`, { token });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('draft');
      }
    });

    // Once its time has come it shows to everyone: test/medium/scheduled-publishing.spec.ts, on a test clock.
    it('shows a scheduled article to editors only', async () => {
      const publishedAt = new Date(Date.now() + 3_600_000).toISOString();
      const scheduled = await post(article({ publishedAt }));
      expect(scheduled.status).toBe(201);
      expect(scheduled.body).toMatchObject({ status: 'published', publishedAt });
      const url = `/v1/articles/${scheduled.body.id}`;
      expect((await t.http.get(url, { token: editor })).status).toBe(200);
      expect((await t.http.get(url)).status).toBe(404);
      expect((await t.http.get(url, { token: reader })).status).toBe(404);
    });

    it.each(['999999999', 'abc', '0', '-1', '1.5', '1e3', '99999999999999999999999', '%20'])(
      'answers 404 ARTICLE_NOT_FOUND for the id %p',
      async (id) => {
        const res = await t.http.get(`/v1/articles/${id}`, { token: editor });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('ARTICLE_NOT_FOUND');
      },
    );
  });

  describe('PATCH /v1/articles/{id}', () => {
    const patch = (id: string, body: unknown, token = editor) => t.http.patch(`/v1/articles/${id}`, body, { token });

    it('changes the fields given and keeps the others', async () => {
      const created = await post(article({ summary: ['Keep me'], imageUrl: 'http://img.example.com/x.png', imageCaption: 'Cap' }));
      const res = await patch(created.body.id, {
        headline: 'A sharper headline',
        topicSlugs: ['climate', 'science'],
        authors: ['Dee Ray'],
        imageCaption: null,
        priority: 'breaking',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: created.body.id,
        headline: 'A sharper headline',
        slug: 'a-sharper-headline',
        body: created.body.body,
        summary: ['Keep me'],
        imageUrl: 'http://img.example.com/x.png',
        imageCaption: null,
        authors: ['Dee Ray'],
        topics: [
          { slug: 'climate', name: 'Climate' },
          { slug: 'science', name: 'Science' },
        ],
        status: 'published',
        priority: 'breaking',
        publishedAt: created.body.publishedAt,
      });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));
      expect((await t.http.get(`/v1/articles/${created.body.id}`)).body).toEqual(res.body);
      const rows = await db.query(
        `SELECT t.slug, at.position, at.listed FROM article_topics at JOIN topics t ON t.id = at.topic_id
          WHERE at.article_id = $1 ORDER BY at.position`,
        [created.body.id],
      );
      expect(rows).toEqual([
        { slug: 'climate', position: 0, listed: true },
        { slug: 'science', position: 1, listed: true },
      ]);
      const [{ version }] = await db.query(`SELECT version FROM articles WHERE id = $1`, [created.body.id]);
      expect(version).toBe(2);
    });

    it('keeps article_topics.published_at in step with a new publishedAt', async () => {
      const created = await post(article({ topicSlugs: ['politics', 'science'] }));
      const publishedAt = '2025-06-01T12:00:00.000Z';
      const res = await patch(created.body.id, { publishedAt });
      expect(res.body.publishedAt).toBe(publishedAt);
      const rows = await db.query(`SELECT published_at FROM article_topics WHERE article_id = $1`, [created.body.id]);
      expect(rows.map((r: { published_at: Date }) => r.published_at.toISOString())).toEqual([publishedAt, publishedAt]);
    });

    it('publishes a draft with status published', async () => {
      const draft = await post(article({ status: 'draft', publishedAt: '2020-01-01T00:00:00Z' }));
      const before = Date.now();
      const res = await patch(draft.body.id, { status: 'published' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('published');
      // a draft written long ago goes out now, not buried at its old date
      expect(Date.parse(res.body.publishedAt)).toBeGreaterThanOrEqual(before);
      expect((await t.http.get(`/v1/articles/${draft.body.id}`, { token: reader })).status).toBe(200);
      const listed = await db.query(`SELECT listed FROM article_topics WHERE article_id = $1`, [draft.body.id]);
      expect(listed).toEqual([{ listed: true }]);
    });

    it('treats status published on a published article as a no-op', async () => {
      const created = await post(article());
      const res = await patch(created.body.id, { status: 'published' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(created.body);
      const [{ version }] = await db.query(`SELECT version FROM articles WHERE id = $1`, [created.body.id]);
      expect(version).toBe(1);
    });

    it.each([
      ['published', 'draft'],
      ['published', 'retracted'],
      ['draft', 'retracted'],
    ])('refuses to change a %s article to %s with a 400 naming status', async (from, to) => {
      const created = await post(article({ status: from }));
      const res = await patch(created.body.id, { status: to, headline: 'Not applied' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'status', message: expect.stringMatching(/DELETE/) })]);
      expect((await t.http.get(`/v1/articles/${created.body.id}`, { token: editor })).body.headline).toBe(created.body.headline);
    });

    it.each([
      ['externalId', { externalId: 'cms-x' }],
      ['headline', { headline: null }],
      ['headline', { headline: 'x'.repeat(301) }],
      ['topicSlugs', { topicSlugs: null }],
      ['topicSlugs', { topicSlugs: ['politics', 'missing-topic'] }],
      ['summary', { summary: null }],
      ['publishedAt', { publishedAt: 'soon' }],
      ['unknown', { unknown: true }],
    ])('refuses a bad %s with a 400, changing nothing', async (field, body) => {
      const created = await post(article());
      const res = await patch(created.body.id, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect((await t.http.get(`/v1/articles/${created.body.id}`)).body).toEqual(created.body);
    });

    it('answers 409 ARTICLE_RETRACTED for a retracted article', async () => {
      const created = await post(article());
      expect((await t.http.delete(`/v1/articles/${created.body.id}`, { token: editor })).status).toBe(204);
      const res = await patch(created.body.id, { headline: 'Too late' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ARTICLE_RETRACTED');
    });

    it('answers 404 for unknown ids and is for editors and admins only', async () => {
      for (const id of ['999999999', 'abc']) {
        const res = await patch(id, { headline: 'X' });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('ARTICLE_NOT_FOUND');
      }
      const created = await post(article());
      expect((await t.http.patch(`/v1/articles/${created.body.id}`, { headline: 'X' })).status).toBe(401);
      expect((await patch(created.body.id, { headline: 'X' }, reader)).status).toBe(403);
      expect((await patch(created.body.id, { headline: 'By the admin' }, admin)).status).toBe(200);
    });
  });

  describe('DELETE /v1/articles/{id}', () => {
    it('retracts: 204, gone for readers, unlisted everywhere, and idempotent', async () => {
      const created = await post(article({ topicSlugs: ['politics', 'science'] }));
      const url = `/v1/articles/${created.body.id}`;
      const res = await t.http.delete(url, { token: editor });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      for (const token of [undefined, reader]) {
        const get = await t.http.get(url, { token });
        expect(get.status).toBe(404);
        expect(get.body.code).toBe('ARTICLE_NOT_FOUND');
      }
      expect((await t.http.get(url, { token: editor })).body.status).toBe('retracted');
      expect(await db.query(`SELECT listed FROM article_topics WHERE article_id = $1`, [created.body.id])).toEqual([
        { listed: false },
        { listed: false },
      ]);
      expect((await t.http.delete(url, { token: admin })).status).toBe(204);
    });

    it('answers 404 for unknown ids and is for editors and admins only', async () => {
      for (const id of ['999999999', 'abc']) {
        const res = await t.http.delete(`/v1/articles/${id}`, { token: editor });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('ARTICLE_NOT_FOUND');
      }
      const created = await post(article());
      expect((await t.http.delete(`/v1/articles/${created.body.id}`)).status).toBe(401);
      expect((await t.http.delete(`/v1/articles/${created.body.id}`, { token: reader })).status).toBe(403);
      expect((await t.http.get(`/v1/articles/${created.body.id}`)).status).toBe(200);
    });
  });

  describe('fan-out hooks', () => {
    /** The fan-out intents recorded in the article's transaction (the outbox), oldest first. */
    const intents = (articleId: string) =>
      db.query<{ version: number; due_at: Date; enqueued_at: Date | null }[]>(
        `SELECT version, due_at, enqueued_at FROM fanout_outbox WHERE article_id = $1 ORDER BY version`,
        [articleId],
      );

    it('records a fan-out for publishing and for each published edit, enqueued at once; none for a retraction', async () => {
      const created = await post(article({ topicSlugs: ['politics'] }));
      expect((await intents(created.body.id)).map((i) => i.version)).toEqual([1]);
      expect((await intents(created.body.id))[0].enqueued_at).not.toBeNull();

      await t.http.patch(`/v1/articles/${created.body.id}`, { topicSlugs: ['science', 'politics', 'climate'] }, { token: editor });
      expect((await intents(created.body.id)).map((i) => i.version)).toEqual([1, 2]);

      await t.http.delete(`/v1/articles/${created.body.id}`, { token: editor });
      expect((await intents(created.body.id)).map((i) => i.version)).toEqual([1, 2]);
    });

    it('records a draft when it is published, a scheduled article at once (due at its time), and nothing for drafts or no-ops', async () => {
      const draft = await post(article({ status: 'draft' }));
      await t.http.patch(`/v1/articles/${draft.body.id}`, { body: 'Still a draft' }, { token: editor });
      expect(await intents(draft.body.id)).toEqual([]);
      await t.http.patch(`/v1/articles/${draft.body.id}`, { status: 'published' }, { token: editor });
      expect((await intents(draft.body.id)).map((i) => i.version)).toEqual([3]);
      await t.http.patch(`/v1/articles/${draft.body.id}`, { status: 'published' }, { token: editor });
      expect((await intents(draft.body.id)).map((i) => i.version)).toEqual([3]);

      const publishedAt = new Date(Date.now() + 3_600_000).toISOString();
      const scheduled = await post(article({ publishedAt }));
      expect((await intents(scheduled.body.id)).map((i) => i.due_at.toISOString())).toEqual([publishedAt]);
    });
  });

  it('documents its routes and bodies in the OpenAPI document', async () => {
    const doc = await t.http.get('/docs-json');
    expect(doc.body.paths['/v1/articles'].post).toBeDefined();
    expect(Object.keys(doc.body.paths['/v1/articles/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.body.paths['/v1/topics/{slug}/articles'].get).toBeDefined();
    const schemas = doc.body.components.schemas;
    expect(schemas.CreateArticleDto.required.sort()).toEqual(['body', 'headline', 'topicSlugs']);
    expect(Object.keys(schemas.UpdateArticleDto.properties)).not.toContain('externalId');
  });
});
