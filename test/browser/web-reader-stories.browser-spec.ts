import type { Page } from 'playwright-core';
import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, type TestApp } from '../support/test-app';
import { type ReaderBrowser, listen, openReader, seriousAxeViolations, signIn } from './browser';

const PASSWORD = 'correct horse battery';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('web reader: a running story is one feed item against the API and its workers', () => {
  let t: TestApp;
  let news: Newsroom;
  let base: string;
  let browser: ReaderBrowser;
  let page: Page;

  const SUMMIT = [
    'Summit opens in Geneva',
    'Working group meets on tariffs',
    'Ministers trade proposals',
    'Talks run late',
    'Summit ends with a deal',
  ];
  const article = (headline: string) => page.getByRole('article', { name: headline, exact: true });

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    base = await listen(t);
    const world = await news.topic('World');
    for (const [i, headline] of SUMMIT.entries())
      await news.publish([world], { headline, storyKey: 'geneva-summit', publishedAt: minutesAgo(50 - i * 5) });
    await news.publish([world], { headline: 'Rain returns to the north', publishedAt: minutesAgo(12) });
    await waitForQueuesIdle(t);
    const registered = await t.http.post('/v1/auth/register', { email: 'stories@example.test', password: PASSWORD, displayName: 'Sam' });
    expect(registered.status).toBe(201);
    const token = registered.body.tokens.accessToken as string;
    expect((await t.http.put(`/v1/me/follows/${world}`, undefined, { token })).status).toBe(200);
    await waitForQueuesIdle(t);
    browser = await openReader(base, { width: 1280, height: 800 });
    page = browser.page;
    await signIn(page, base, 'stories@example.test', PASSWORD);
  });
  afterEach(async () => {
    expect(await browser.cspViolations()).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the story once, led by its newest article, with "<n> more on this story" listing every other article', async () => {
    const latest = page.getByRole('tab', { name: 'Latest', exact: true });
    await latest.click();
    await eventually(async () => (await latest.getAttribute('aria-selected')) === 'true');
    await article('Summit ends with a deal').waitFor();
    const headlines = () => page.getByRole('article').getByRole('heading', { level: 2 }).allTextContents();
    await eventually(async () => (await headlines()).length === 2);
    expect(await headlines()).toEqual(['Rain returns to the north', 'Summit ends with a deal']);

    const more = article('Summit ends with a deal').getByRole('button', { name: '4 more on this story', exact: true });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    const related = article('Summit ends with a deal').getByRole('listitem').getByRole('link');
    // The item carries up to three related cards; the fourth comes from GET /v1/stories/{key} when the list opens.
    await eventually(async () => (await related.count()) === 4);
    expect((await related.allTextContents()).sort()).toEqual(SUMMIT.slice(0, 4).sort());
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
