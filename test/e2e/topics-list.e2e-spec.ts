import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

interface TopicItem {
  slug: string;
  name: string;
}

describe('GET /v1/topics', () => {
  let t: TestApp;
  const slugs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const { token } = await createUser(t, { role: 'editor' });
    const names = [
      ...Array.from({ length: 23 }, (_, i) => `World ${String(i).padStart(2, '0')}`),
      'Technology',
      'Biotech',
      '100% Pure',
      'Under_score',
      'Underscore',
    ];
    for (const name of names) {
      const res = await t.http.post('/v1/topics', { name }, { token });
      expect(res.status).toBe(201);
      slugs.push(res.body.slug);
    }
    const mixed = await t.http.post('/v1/topics', { name: 'Fintech', slug: 'money-tech' }, { token });
    expect(mixed.status).toBe(201);
    slugs.push('money-tech');
  });
  afterAll(() => t.close());

  const slugsOf = (items: TopicItem[]) => items.map((i) => i.slug);

  it('answers the first 20 by slug, with a cursor and a Link header to the next page', async () => {
    const res = await t.http.get('/v1/topics');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(20);
    expect(slugsOf(res.body.items)).toEqual([...slugs].sort().slice(0, 20));
    expect(res.body.items[0]).toEqual({
      id: expect.any(String),
      slug: expect.any(String),
      name: expect.any(String),
      description: null,
      parentSlug: null,
      followerCount: 0,
    });
    expect(typeof res.body.nextCursor).toBe('string');
    expect(res.headers.link).toBe(`</v1/topics?cursor=${res.body.nextCursor}>; rel="next"`);
  });

  it('pages through every topic exactly once, in slug order, following the Link header', async () => {
    const seen: string[] = [];
    let url: string | null = '/v1/topics?limit=7';
    let pages = 0;
    while (url) {
      const res = await t.http.get(url);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...slugsOf(res.body.items));
      pages += 1;
      const link = res.headers.link as string | undefined;
      if (res.body.nextCursor) {
        expect(link).toMatch(/^<\/v1\/topics\?limit=7&cursor=[^>]+>; rel="next"$/);
        url = /^<([^>]+)>/.exec(link!)![1];
      } else {
        expect(link).toBeUndefined();
        url = null;
      }
      expect(pages).toBeLessThan(10);
    }
    expect(seen).toEqual([...slugs].sort());
    expect(new Set(seen).size).toBe(slugs.length);
    expect(pages).toBe(Math.ceil(slugs.length / 7));
  });

  it('answers nextCursor null and no Link header when everything fits', async () => {
    const res = await t.http.get('/v1/topics', { query: { limit: '100' } });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(slugs.length);
    expect(res.body.nextCursor).toBeNull();
    expect(res.headers.link).toBeUndefined();
  });

  it('matches q against name or slug, case-insensitively, as a substring', async () => {
    const tech = await t.http.get('/v1/topics', { query: { q: 'TeCh' } });
    expect(tech.status).toBe(200);
    expect(slugsOf(tech.body.items)).toEqual(['biotech', 'money-tech', 'technology']);
    const bySlugOnly = await t.http.get('/v1/topics', { query: { q: 'MONEY' } });
    expect(slugsOf(bySlugOnly.body.items)).toEqual(['money-tech']);
    const byNameOnly = await t.http.get('/v1/topics', { query: { q: 'fin' } });
    expect(slugsOf(byNameOnly.body.items)).toEqual(['money-tech']);
    const none = await t.http.get('/v1/topics', { query: { q: 'zzz' } });
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('treats % and _ in q literally', async () => {
    const percent = await t.http.get('/v1/topics', { query: { q: '%' } });
    expect(slugsOf(percent.body.items)).toEqual(['100-pure']);
    const underscore = await t.http.get('/v1/topics', { query: { q: 'r_s' } });
    expect(slugsOf(underscore.body.items)).toEqual(['under-score']);
  });

  it('pages a search, keeping q in the Link header', async () => {
    const first = await t.http.get('/v1/topics', { query: { q: 'world', limit: '20' } });
    expect(first.body.items).toHaveLength(20);
    expect(first.headers.link).toMatch(/^<\/v1\/topics\?q=world&limit=20&cursor=[^>]+>; rel="next"$/);
    const next = await t.http.get(/^<([^>]+)>/.exec(first.headers.link as string)![1]);
    expect(next.status).toBe(200);
    expect(slugsOf(next.body.items)).toEqual(['world-20', 'world-21', 'world-22']);
    expect(next.body.nextCursor).toBeNull();
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ q: '' }, 'q'],
    [{ q: 'q'.repeat(101) }, 'q'],
    [{ q: 'a\u0000b' }, 'q'],
    [{ sort: 'name' }, 'sort'],
  ])('rejects %p with 400 naming %s', async (query, field) => {
    const res = await t.http.get('/v1/topics', { query });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('rejects a repeated limit', async () => {
    const res = await t.http.get('/v1/topics?limit=5&limit=6');
    expect(res.status).toBe(400);
  });

  it.each([
    ['garbage', 'not-a-cursor!!'],
    ['valid base64 of other JSON', Buffer.from(JSON.stringify({ after: 5 })).toString('base64url')],
    ['a slug that is not a slug', Buffer.from(JSON.stringify({ after: "'; DROP TABLE topics;--" })).toString('base64url')],
    ['a JSON array', Buffer.from('[1,2]').toString('base64url')],
  ])('rejects a tampered cursor (%s) with 400', async (_label, cursor) => {
    const res = await t.http.get('/v1/topics', { query: { cursor } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
  });
});
