import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';
import type { HttpAnswer } from '../support/http-client';

const directives = (res: HttpAnswer): Map<string, string[]> =>
  new Map(
    String(res.headers['content-security-policy'] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );

describe('security headers', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = (await createUser(t, { role: 'admin' })).token;
  });
  afterAll(() => t.close());

  const expectBaseHeaders = (res: HttpAnswer) => {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = directives(res);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  };

  it('are on JSON answers, errors, 404s and malformed URLs', async () => {
    for (const res of [
      await t.http.get('/v1/topics'),
      await t.http.get('/health/live'),
      await t.http.get('/v1/me'),
      await t.http.get('/v1/nope'),
      await t.http.get('/v1/topics/%zz'),
      // The feed route is a plain Fastify handler outside Nest's pipeline (docs/architecture.md): its 200s and 400s too.
      await t.http.get('/v1/feed', { token: admin }),
      await t.http.get('/v1/feed?limit=0', { token: admin }),
      await t.http.post('/v1/auth/login', undefined, { raw: '{', headers: { 'content-type': 'application/json' } }),
    ])
      expectBaseHeaders(res);
  });

  it("let the API's own pages load self-hosted scripts, styles, images (data: too) and calls, nothing inline", async () => {
    const csp = directives(await t.http.get('/v1/topics'));
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('keep the queue dashboard unframeable while it still loads: its scripts are all files of its own, allowed by the policy', async () => {
    const page = await t.http.get('/admin/queues', { token: admin });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toMatch(/text\/html/);
    expectBaseHeaders(page);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      // A script element with content is only allowed when it is data, which CSP does not run.
      if (inline.trim()) expect(attributes).toMatch(/type="application\/json"/);
    }
    const assets = [...page.text.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const res = await t.http.get(`/admin/queues/${asset}`, { token: admin });
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
    }
    // Inline styles of its loading screen and Google Fonts are let through for this page alone.
    expect(directives(page).get('style-src')).toEqual(expect.arrayContaining(["'unsafe-inline'", 'https://fonts.googleapis.com']));
  });

  it('keep the OpenAPI UI unframeable, its scripts its own', async () => {
    const page = await t.http.get('/docs');
    expect(page.status).toBe(200);
    expectBaseHeaders(page);
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});
