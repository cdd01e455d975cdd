import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';
import type { HttpAnswer } from '../support/http-client';

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bad input is a 400 problem document, never a 5xx', () => {
  let t: TestApp;
  let newsroom: Newsroom;
  let slug: string;
  let articleId: string;
  beforeAll(async () => {
    t = await startTestApp();
    newsroom = await Newsroom.open(t);
    slug = await newsroom.topic();
    articleId = (await newsroom.publish([slug])).id;
  });
  afterAll(() => t.close());

  const expect400 = (res: HttpAnswer, field?: string) => {
    expect({ status: res.status, type: String(res.headers['content-type']) }).toEqual({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    if (field) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  };

  const BAD_STRINGS: [string, string][] = [
    ['NUL', 'Ann\u0000Lee'],
    ['lone high surrogate', 'Ann\ud800'],
    ['lone low surrogate', '\udc00Ann'],
  ];

  it.each(BAD_STRINGS)('refuses a %s in displayName at registration and in PATCH /v1/me', async (_name, bad) => {
    expect400(
      await t.http.post('/v1/auth/register', { email: 'nul@example.test', password: 'long-enough-password', displayName: bad }),
      'displayName',
    );
    const reader = await createUser(t);
    expect400(await t.http.patch('/v1/me', { displayName: bad }, { token: reader.token }), 'displayName');
  });

  it('refuses a NUL in a string sent as raw JSON escape', async () => {
    const raw = '{"email":"x@example.test","password":"long-enough-password","displayName":"a\\u0000b"}';
    expect400(await t.http.post('/v1/auth/register', undefined, { raw, headers: { 'content-type': 'application/json' } }), 'displayName');
  });

  it.each(BAD_STRINGS)('refuses a %s in every article text field', async (_name, bad) => {
    const base = { headline: 'Fine', body: 'Fine.', topicSlugs: [slug] };
    const cases: [Record<string, unknown>, string][] = [
      [{ headline: bad }, 'headline'],
      [{ body: bad }, 'body'],
      [{ summary: ['ok', bad] }, 'summary.1'],
      [{ imageCaption: bad, imageUrl: 'https://example.test/a.jpg' }, 'imageCaption'],
      [{ authors: [bad] }, 'authors.0'],
      [{ externalId: bad }, 'externalId'],
      [{ topicSlugs: [bad] }, 'topicSlugs.0'],
    ];
    for (const [fields, field] of cases) {
      expect400(await t.http.post('/v1/articles', { ...base, ...fields }, { token: newsroom.editor.token }), field);
      expect400(await t.http.patch(`/v1/articles/${articleId}`, fields, { token: newsroom.editor.token }), field);
    }
    expect400(await t.http.post('/v1/topics', { name: bad }, { token: newsroom.editor.token }), 'name');
  });

  it('refuses a NUL in a query parameter, naming it', async () => {
    expect400(await t.http.get('/v1/topics?q=a%00b'), 'q');
  });

  it.each([
    ['t 1e300', { m: 'latest', s: 'p', t: 1e300, id: 1 }],
    ['t -1e21', { m: 'latest', s: 'p', t: -1e21, id: 1 }],
    ['id 1e21', { m: 'latest', s: 'p', t: Date.now(), id: 1e21 }],
    ['id 1e300 in the window', { m: 'latest', s: 'r', k: 1, id: 1e300 }],
  ])('answers a forged feed cursor (%s) with 400', async (_name, forged) => {
    const reader = await createUser(t);
    expect400(await t.http.get(`/v1/feed?mode=latest&cursor=${cursor(forged)}`, { token: reader.token }), 'cursor');
  });

  it.each(['0000-01-01T00:00:00.000000Z', '0000-12-31T23:59:59.999999Z'])('answers a year-0000 list cursor (%s) with 400', async (time) => {
    const reader = await createUser(t);
    const forged = cursor({ t: time, id: '1' });
    expect400(await t.http.get(`/v1/topics/${slug}/articles?cursor=${forged}`), 'cursor');
    expect400(await t.http.get(`/v1/me/saved?cursor=${forged}`, { token: reader.token }), 'cursor');
    expect400(await t.http.get(`/v1/me/history?cursor=${forged}`, { token: reader.token }), 'cursor');
  });

  it.each(['/v1/topics/%E0%A4%A', '/v1/topics/%zz', '/v1/articles/%'])(
    'answers malformed percent-encoding in the path %s with 400',
    async (url) => {
      const res = await t.http.get(url);
      expect400(res);
      expect(res.body).toMatchObject({ type: 'about:blank', status: 400 });
    },
  );

  it.each(['/v1/topics?q=%E0%A4%A', '/v1/topics?q=%zz', '/v1/topics?%zz=1'])(
    'answers malformed percent-encoding in the query %s with 400',
    async (url) => {
      const res = await t.http.get(url);
      expect400(res);
      expect(res.body).toMatchObject({ type: 'about:blank', status: 400 });
    },
  );
});
