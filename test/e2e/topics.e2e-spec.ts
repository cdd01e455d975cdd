import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

describe('topics: read, create and edit', () => {
  let t: TestApp;
  let editor: string;
  let admin: string;
  let reader: string;

  const create = (body: Record<string, unknown>, token = editor) => t.http.post('/v1/topics', body, { token });
  const count = async (): Promise<number> => {
    const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM topics`);
    return n;
  };

  beforeAll(async () => {
    t = await startTestApp();
    editor = (await createUser(t, { role: 'editor' })).token;
    admin = (await createUser(t, { role: 'admin' })).token;
    reader = (await createUser(t, { role: 'reader' })).token;
  });
  afterAll(() => t.close());

  describe('POST /v1/topics', () => {
    it('creates a topic with a slug derived from the trimmed name', async () => {
      const res = await create({ name: '  US-China relations  ' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[1-9][0-9]*$/),
        slug: 'us-china-relations',
        name: 'US-China relations',
        description: null,
        parentSlug: null,
        followerCount: 0,
      });
    });

    it('keeps a given slug, a description and a parent; admins may create too', async () => {
      const res = await create(
        { name: 'Trade', slug: 'trade-policy', description: 'Tariffs and deals', parentSlug: 'us-china-relations' },
        admin,
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        slug: 'trade-policy',
        name: 'Trade',
        description: 'Tariffs and deals',
        parentSlug: 'us-china-relations',
      });
      const got = await t.http.get('/v1/topics/trade-policy');
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('answers 409 TOPIC_EXISTS for a taken slug, given or derived', async () => {
      const given = await create({ name: 'Something else', slug: 'trade-policy' });
      expect(given.status).toBe(409);
      expect(given.body.code).toBe('TOPIC_EXISTS');
      const derived = await create({ name: 'US China Relations' });
      expect(derived.status).toBe(409);
      expect(derived.body.code).toBe('TOPIC_EXISTS');
      expect(derived.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('lets exactly one of several racing creations of one slug win', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => create({ name: 'Race Day' })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'TOPIC_EXISTS')).toBe(true);
    });

    it('asks for a slug when the name gives none', async () => {
      const before = await count();
      const res = await create({ name: '中文' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['slug']);
      expect(await count()).toBe(before);
      const withSlug = await create({ name: '中文', slug: 'chinese' });
      expect(withSlug.status).toBe(201);
      expect(withSlug.body.name).toBe('中文');
    });

    it('rejects an unknown parentSlug naming the field, and creates nothing', async () => {
      const res = await create({ name: 'Orphan', parentSlug: 'no-such-topic' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'parentSlug', message: expect.any(String) }]);
      const oddFormat = await create({ name: 'Orphan', parentSlug: 'Not A Slug!' });
      expect(oddFormat.status).toBe(400);
      expect(oddFormat.body.errors[0].field).toBe('parentSlug');
      expect((await t.http.get('/v1/topics/orphan')).status).toBe(404);
    });

    it.each([
      ['a missing name', {}, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name that is not a string', { name: 5 }, 'name'],
      ['a name of 81 characters', { name: 'n'.repeat(81) }, 'name'],
      ['a name over 80 code points with variation selectors', { name: 'a'.repeat(79) + '\u2764\uFE0F' }, 'name'],
      ['a name with NUL', { name: 'bad\u0000name' }, 'name'],
      ['a slug in capitals', { name: 'Fine', slug: 'Fine' }, 'slug'],
      ['a slug with a double dash', { name: 'Fine', slug: 'a--b' }, 'slug'],
      ['an empty slug', { name: 'Fine', slug: '' }, 'slug'],
      ['a slug of 81 characters', { name: 'Fine', slug: 's'.repeat(81) }, 'slug'],
      ['a description of 2001 characters', { name: 'Fine', description: 'd'.repeat(2001) }, 'description'],
      ['a description that is not a string', { name: 'Fine', description: 42 }, 'description'],
      ['a parentSlug that is not a string', { name: 'Fine', parentSlug: ['x'] }, 'parentSlug'],
      ['an unknown field', { name: 'Fine', colour: 'red' }, 'colour'],
    ])('rejects %s with 400 naming the field', async (_label, body, field) => {
      const before = await count();
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count()).toBe(before);
    });

    it('accepts a description of 2000 characters and a null description', async () => {
      const long = await create({ name: 'Long read', description: 'd'.repeat(2000) });
      expect(long.status).toBe(201);
      expect(long.body.description).toHaveLength(2000);
      const none = await create({ name: 'No description', description: null });
      expect(none.status).toBe(201);
      expect(none.body.description).toBeNull();
    });

    it('rejects a body that is not an object and unknown query parameters', async () => {
      expect((await t.http.post('/v1/topics', ['x'], { token: editor })).status).toBe(400);
      const res = await t.http.post('/v1/topics', { name: 'Query' }, { token: editor, query: { force: '1' } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('force');
      expect((await t.http.get('/v1/topics/query')).status).toBe(404);
    });

    it('is for editors and admins only', async () => {
      const asReader = await create({ name: 'Readers cannot' }, reader);
      expect(asReader.status).toBe(403);
      expect(asReader.body.code).toBe('FORBIDDEN');
      const anonymous = await t.http.post('/v1/topics', { name: 'Nobody' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHORIZED');
      expect((await t.http.get('/v1/topics/readers-cannot')).status).toBe(404);
      expect((await t.http.get('/v1/topics/nobody')).status).toBe(404);
    });
  });

  describe('GET /v1/topics/{slug}', () => {
    it('is public', async () => {
      const res = await t.http.get('/v1/topics/us-china-relations');
      expect(res.status).toBe(200);
      expect(res.body.slug).toBe('us-china-relations');
    });

    it.each(['no-such-topic', 'NOT-A-SLUG', 'has%20space', '%00', 'x'.repeat(200), '12345'])(
      'answers 404 TOPIC_NOT_FOUND for %s',
      async (slug) => {
        const res = await t.http.get(`/v1/topics/${slug}`);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('TOPIC_NOT_FOUND');
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      },
    );

    it('rejects unknown query parameters', async () => {
      const res = await t.http.get('/v1/topics/us-china-relations', { query: { expand: 'all' } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('expand');
    });
  });

  describe('PATCH /v1/topics/{slug}', () => {
    beforeAll(async () => {
      for (const [name, parentSlug] of [['Root'], ['Branch', 'root'], ['Leaf', 'branch'], ['Elsewhere']]) {
        expect((await create({ name, parentSlug })).status).toBe(201);
      }
    });

    it('changes name and description and keeps the slug', async () => {
      const res = await t.http.patch('/v1/topics/elsewhere', { name: '  Far away ', description: 'Distant places' }, { token: editor });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ slug: 'elsewhere', name: 'Far away', description: 'Distant places', parentSlug: null });
      const cleared = await t.http.patch('/v1/topics/elsewhere', { description: null }, { token: admin });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ name: 'Far away', description: null });
      expect((await t.http.get('/v1/topics/elsewhere')).body).toEqual(cleared.body);
    });

    it('sets and detaches the parent', async () => {
      const attached = await t.http.patch('/v1/topics/elsewhere', { parentSlug: 'leaf' }, { token: editor });
      expect(attached.status).toBe(200);
      expect(attached.body.parentSlug).toBe('leaf');
      const detached = await t.http.patch('/v1/topics/elsewhere', { parentSlug: null }, { token: editor });
      expect(detached.status).toBe(200);
      expect(detached.body.parentSlug).toBeNull();
    });

    it.each([
      ['itself', 'root', 'root'],
      ['its child', 'root', 'branch'],
      ['a deeper descendant', 'root', 'leaf'],
      ['a descendant from the middle', 'branch', 'leaf'],
    ])('refuses %s as parent (a cycle) with 400 naming parentSlug', async (_label, slug, parentSlug) => {
      const res = await t.http.patch(`/v1/topics/${slug}`, { parentSlug }, { token: editor });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'parentSlug', message: expect.any(String) }]);
      expect((await t.http.get('/v1/topics/root')).body.parentSlug).toBeNull();
    });

    it('refuses two concurrent changes that together would close a loop', async () => {
      await create({ name: 'Ping' });
      await create({ name: 'Pong' });
      const [a, b] = await Promise.all([
        t.http.patch('/v1/topics/ping', { parentSlug: 'pong' }, { token: editor }),
        t.http.patch('/v1/topics/pong', { parentSlug: 'ping' }, { token: editor }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 400]);
    });

    it('moves a topic under a sibling branch', async () => {
      const res = await t.http.patch('/v1/topics/leaf', { parentSlug: 'root' }, { token: editor });
      expect(res.status).toBe(200);
      expect(res.body.parentSlug).toBe('root');
    });

    it('rejects an unknown parent, a null name, a slug change and unknown fields', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ parentSlug: 'no-such-topic' }, 'parentSlug'],
        [{ name: null }, 'name'],
        [{ name: '' }, 'name'],
        [{ name: 'x'.repeat(81) }, 'name'],
        [{ description: 'd'.repeat(2001) }, 'description'],
        [{ slug: 'renamed' }, 'slug'],
        [{ followerCount: 5 }, 'followerCount'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.patch('/v1/topics/root', body, { token: editor });
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await t.http.get('/v1/topics/root')).body).toMatchObject({ slug: 'root', name: 'Root', followerCount: 0 });
    });

    it('answers 404 TOPIC_NOT_FOUND for unknown topics', async () => {
      for (const slug of ['no-such-topic', 'BAD', '%00']) {
        const res = await t.http.patch(`/v1/topics/${slug}`, { name: 'x' }, { token: editor });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('TOPIC_NOT_FOUND');
      }
    });

    it('is for editors and admins only', async () => {
      const asReader = await t.http.patch('/v1/topics/root', { name: 'Hijacked' }, { token: reader });
      expect(asReader.status).toBe(403);
      const anonymous = await t.http.patch('/v1/topics/root', { name: 'Hijacked' });
      expect(anonymous.status).toBe(401);
      expect((await t.http.get('/v1/topics/root')).body.name).toBe('Root');
    });
  });

  it('documents its routes and bodies in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/topics',
        '/v1/topics/{slug}',
        '/v1/me/follows',
        '/v1/me/follows/{slug}',
        '/v1/me/mutes',
        '/v1/me/mutes/{slug}',
      ]),
    );
    expect(Object.keys(doc.paths['/v1/topics/{slug}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(doc.components.schemas.CreateTopicDto.required).toEqual(['name']);
    expect(Object.keys(doc.components.schemas.TopicResponse.properties).sort()).toEqual([
      'description',
      'followerCount',
      'id',
      'name',
      'parentSlug',
      'slug',
    ]);
  });
});
