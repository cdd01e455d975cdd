import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

describe('conditional GET of the feed (If-None-Match, weak comparison)', () => {
  let t: TestApp;
  let token: string;
  let etag: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await createUser(t)).token;
    const first = await t.http.get('/v1/feed/new-count?since=2026-01-01T00:00:00.000Z', { token });
    expect(first.status).toBe(200);
    etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
  });
  afterAll(() => t.close());

  const conditional = (ifNoneMatch: string) =>
    t.http.get('/v1/feed/new-count?since=2026-01-01T00:00:00.000Z', { token, headers: { 'if-none-match': ifNoneMatch } });

  it.each([
    ['the ETag as given', () => etag],
    ['the ETag without its W/ prefix', () => etag.slice(2)],
    ['a list naming it', () => `"other", ${etag.slice(2)} , W/"another"`],
    ['a list without spaces', () => `W/"x",${etag}`],
    ['*', () => '*'],
  ])('answers 304 to %s, with no text/plain content type and no body', async (_name, header) => {
    const res = await conditional(header());
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
    expect(String(res.headers['content-type'] ?? '')).not.toMatch(/text\/plain/);
    expect(res.headers.etag).toBe(etag);
  });

  it.each(['W/"stale"', '"stale"', 'W/"a", "b"', ''])('answers 200 with the body to a non-matching %p', async (header) => {
    const res = await conditional(header);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 0 });
  });
});
