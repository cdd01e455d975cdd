import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { webReaderRoot } from '../../src/web-reader/web-reader';
import { startTestApp, type TestApp } from '../support/test-app';

describe("GET / (the web reader's files)", () => {
  let t: TestApp;

  beforeAll(async () => {
    if (!existsSync(resolve(webReaderRoot(), 'index.html')))
      throw new Error(`no built reader at ${webReaderRoot()}: run npm run build first`);
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('serves the page without sign-in, and its module script and styles by name', async () => {
    const page = await t.http.get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>myNEWS</title>');
    expect(page.text).toContain('<script type="module" src="/app.js"></script>');
    expect(page.text).not.toMatch(/<script>|<style|style=|\son[a-z]+=/i);
    // The app's own policy: this origin's scripts and styles only, never inline, and no framing.
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');

    const script = await t.http.get('/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    const view = await t.http.get('/views/feed.js');
    expect(view.status).toBe(200);
    const styles = await t.http.get('/styles.css');
    expect(styles.status).toBe(200);
    expect(styles.headers['content-type']).toMatch(/^text\/css/);
  });

  it('leaves every other path to the API: unknown paths are its 404 problem, /v1 and /health answer as before', async () => {
    const unknown = await t.http.get('/no-such-page');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect((await t.http.get('/../package.json')).status).toBe(404);
    expect((await t.http.get('/v1/topics')).status).toBe(200);
    expect((await t.http.get('/v1/feed')).status).toBe(401);
    expect((await t.http.get('/health/live')).status).toBe(200);
  });
});
