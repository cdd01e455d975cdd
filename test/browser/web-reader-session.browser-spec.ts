import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, type TestApp } from '../support/test-app';
import { listen, openReader, type ReaderBrowser } from './browser';

const TTL_SECONDS = 30;

describe('web reader: access tokens are refreshed before they expire', () => {
  let t: TestApp;
  let base: string;
  let browser: ReaderBrowser;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: { JWT_ACCESS_TTL_SECONDS: String(TTL_SECONDS) } });
    base = await listen(t);
    browser = await openReader(base);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("keeps reading, and the live stream keeps coming, past the first token's expiry without a 401", async () => {
    const news = await Newsroom.open(t);
    const topic = await news.topic('World');
    await news.publish([topic], { headline: 'Before the refresh' });
    const registered = await t.http.post('/v1/auth/register', {
      email: 'long@example.test',
      password: 'correct horse battery',
      displayName: 'Long',
    });
    expect((await t.http.put(`/v1/me/follows/${topic}`, undefined, { token: registered.body.tokens.accessToken })).status).toBe(200);
    await waitForQueuesIdle(t);

    const page = browser.page;
    const unauthorized: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401) unauthorized.push(response.url());
    });
    await page.goto(`${base}/`);
    await page.getByLabel('Email', { exact: true }).fill('long@example.test');
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    const signedInAt = Date.now();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('article', { name: 'Before the refresh', exact: true }).waitFor();

    const refreshed = await page.waitForResponse((r) => r.url().endsWith('/v1/auth/refresh'), { timeout: TTL_SECONDS * 1000 });
    expect(refreshed.status()).toBe(200);
    expect(Date.now() - signedInAt).toBeLessThan(TTL_SECONDS * 1000);
    // Past the first access token's expiry: the page and its stream must run on the new one.
    await eventually(() => Promise.resolve(Date.now() - signedInAt > (TTL_SECONDS + 2) * 1000), { timeoutMs: 40_000, intervalMs: 250 });

    await page.getByRole('tab', { name: 'Latest', exact: true }).click();
    await page.getByRole('article', { name: 'Before the refresh', exact: true }).waitFor();
    const later = await Newsroom.open(t);
    await later.publish([topic], { headline: 'After the refresh' });
    await page.getByRole('button', { name: '1 new story', exact: true }).click({ timeout: 20_000 });
    await page.getByRole('article', { name: 'After the refresh', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0);
    expect(unauthorized).toEqual([]);
    expect(await browser.cspViolations()).toEqual([]);
  });
});
