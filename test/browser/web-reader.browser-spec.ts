import { mkdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import type { Page } from 'playwright-core';
import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, type TestApp } from '../support/test-app';
import { CSP, hasNoHorizontalScroll, listen, openReader, seriousAxeViolations, type ReaderBrowser } from './browser';

const SCREENSHOTS = 'docs/screenshots';
const PASSWORD = 'correct horse battery';

describe('web reader (Chromium, CSP applied)', () => {
  let t: TestApp;
  let news: Newsroom;
  let base: string;
  let browser: ReaderBrowser;
  let page: Page;
  const topics: Record<string, string> = {};
  const published: { id: string; headline: string; publishedAt: string }[] = [];
  const email = 'reader@example.test';

  type StoredSession = { accessToken: string; refreshToken: string };
  const session = async () =>
    JSON.parse((await page.evaluate<string | null>(`localStorage.getItem('mynews.session')`)) ?? 'null') as StoredSession | null;
  const token = async () => (await session())!.accessToken;
  const api = async (path: string) => (await t.http.get(path, { token: await token() })).body;
  const events = (articleId: string) =>
    t.app
      .get(DataSource)
      .query<{ type: string; dwell_ms: number | null }[]>(`SELECT type, dwell_ms FROM feed_events WHERE article_id = $1 ORDER BY id`, [
        articleId,
      ]);
  const heading = (name: string) => page.getByRole('heading', { name, exact: true, level: 1 });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const link = (name: string) => page.getByRole('link', { name, exact: true });
  const articles = () => page.getByRole('article');
  const article = (headline: string) => page.getByRole('article', { name: headline, exact: true });
  const expectAccessible = async () => expect(await seriousAxeViolations(page)).toEqual([]);
  const publish = async (topic: string, headline: string, publishedAt?: Date) => {
    const a = await news.publish([topics[topic]], {
      headline,
      authors: ['Ada Reporter'],
      summary: [`${headline}: what happened.`],
      body: `${headline}.\n\nSecond paragraph.`,
      ...(publishedAt ? { publishedAt: publishedAt.toISOString() } : {}),
    });
    published.push({ id: a.id, headline, publishedAt: a.publishedAt as string });
    return a;
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    base = await listen(t);
    for (const name of ['World', 'Sports', 'Science', 'Culture']) topics[name] = await news.topic(name);
    // A minute apart, five hours ago: the screenshots read "5 hours ago" whenever the tests run.
    const minute = (n: number) => new Date(Date.now() - 5 * 3600_000 + n * 60_000);
    for (let i = 1; i <= 24; i++) await publish('World', `World story ${i}`, minute(i));
    for (let i = 1; i <= 3; i++) await publish('Sports', `Sports story ${i}`, minute(24 + i));
    await publish('Culture', 'Culture story 1', minute(28));
    await waitForQueuesIdle(t);
    const existing = await t.http.post('/v1/auth/register', { email: 'taken@example.test', password: PASSWORD, displayName: 'Taken' });
    expect(existing.status).toBe(201);
    browser = await openReader(base);
    page = browser.page;
  });
  afterEach(async () => {
    expect(await browser.cspViolations()).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("serves the reader at / with the API under the CSP, and shows sign-in errors in the problem's words", async () => {
    const assets: Promise<number>[] = [];
    const countAsset = (r: import('playwright-core').Response) => {
      if (['script', 'stylesheet'].includes(r.request().resourceType())) assets.push(r.body().then((b) => b.length));
    };
    page.on('response', countAsset);
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain(CSP);
    expect(await page.title()).toBe('myNEWS');
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    page.off('response', countAsset);
    const bytes = (await Promise.all(assets)).reduce((a, b) => a + b, 0);
    expect(assets.length).toBeGreaterThan(5);
    expect(bytes).toBeLessThan(150 * 1024);
    await page.getByLabel('Email', { exact: true }).fill('taken@example.test');
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await button('Sign in').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const wrong = await t.http.post('/v1/auth/login', { email: 'nobody@example.test', password: 'wrong password' });
    expect(await alert.textContent()).toBe(wrong.body.detail);
    await expectAccessible();

    await button('Create account').click();
    await page.getByLabel('Email', { exact: true }).fill('taken@example.test');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Display name', { exact: true }).fill('Second');
    await button('Create account').click();
    await eventually(async () => /already/i.test((await alert.textContent()) ?? ''));
    await expectAccessible();
  });

  it('creates an account, then picks topics (checks survive new searches) and follows them', async () => {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Display name', { exact: true }).fill('Reader');
    await button('Create account').click();
    await heading('Pick your topics').waitFor();
    const search = page.getByRole('searchbox', { name: 'Search topics' });
    await search.fill('wor');
    await page.getByRole('checkbox', { name: 'World', exact: true }).check();
    await search.fill('spo');
    await page.getByRole('checkbox', { name: 'Sports', exact: true }).check();
    expect(await page.getByRole('checkbox', { name: 'World', exact: true }).isChecked()).toBe(true);
    await search.fill('');
    await eventually(async () => (await page.getByRole('checkbox').count()) === 4);
    expect(await page.getByRole('checkbox', { name: 'World', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Sports', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Science', exact: true }).isChecked()).toBe(false);
    await expectAccessible();

    await button('Continue').click();
    await heading('Your feed').waitFor();
    const follows = await api('/v1/me/follows');
    expect(follows.items.map((f: { topic: { slug: string } }) => f.topic.slug).sort()).toEqual([topics.Sports, topics.World].sort());
  });

  it('shows the feed: For you first, headline links, reasons, publication times; Latest; Load more', async () => {
    await eventually(async () => (await articles().count()) === 20, { timeoutMs: 20_000 });
    expect(await page.getByRole('tab', { name: 'For you', exact: true }).getAttribute('aria-selected')).toBe('true');
    const world = published.find((p) => p.headline === 'World story 24')!;
    const item = article(world.headline);
    await item.getByRole('heading').getByRole('link', { name: world.headline, exact: true }).waitFor();
    expect(await item.getByText('Because you follow World', { exact: true }).count()).toBe(1);
    expect(await item.locator('time').getAttribute('datetime')).toBe(world.publishedAt);
    for (const name of ['Save', 'Hide', 'Fewer like this']) expect(await item.getByRole('button', { name, exact: true }).count()).toBe(1);
    expect(await page.getByText('Culture story 1').count()).toBe(0);
    await expectAccessible();

    await page.getByRole('tab', { name: 'Latest', exact: true }).click();
    await eventually(async () => (await page.getByRole('tab', { name: 'Latest', exact: true }).getAttribute('aria-selected')) === 'true');
    await eventually(async () => (await articles().first().getByRole('heading').textContent()) === 'Sports story 3');
    await button('Load more').click();
    await eventually(async () => (await articles().count()) === 27);
    expect(await button('Load more').isVisible()).toBe(false);
    const shown = await articles().getByRole('heading').allTextContents();
    const expected = published
      .filter((p) => !p.headline.startsWith('Culture'))
      .map((p) => p.headline)
      .reverse();
    expect(shown).toEqual(expected);
  });

  it('writes the feed screenshots (desktop 1280x800, phone 390x844 without horizontal scrolling)', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // No hover or focus left over from the clicks before: the same pictures on every run.
    await page.mouse.move(0, 0);
    await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SCREENSHOTS}/feed-desktop.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SCREENSHOTS}/feed-phone.png` });
    await expectAccessible();
  });

  it('saves, hides and shows fewer like this, and the API agrees', async () => {
    const [saved, hidden, fewer] = ['World story 24', 'World story 23', 'Sports story 2'].map((h) =>
      published.find((p) => p.headline === h)!,
    );
    await article(saved.headline).getByRole('button', { name: 'Save', exact: true }).click();
    await article(saved.headline).getByRole('button', { name: 'Saved', exact: true }).waitFor();
    expect((await api('/v1/me/saved')).items.map((i: { article: { id: string } }) => i.article.id)).toEqual([saved.id]);
    await eventually(async () => (await events(saved.id)).some((e) => e.type === 'save'));

    await article(hidden.headline).getByRole('button', { name: 'Hide', exact: true }).click();
    expect(await article(hidden.headline).count()).toBe(0);
    await eventually(async () => !(await news.feedIds(await token(), { limit: '50', mode: 'latest' })).includes(hidden.id));

    await article(fewer.headline).getByRole('button', { name: 'Fewer like this', exact: true }).click();
    expect(await article(fewer.headline).count()).toBe(0);
    await eventually(async () => (await events(fewer.id)).some((e) => e.type === 'less_like_this'));
  });

  it('offers stories that arrive on the live stream at the top', async () => {
    await publish('World', 'Second breaking story');
    await button('1 new story').waitFor({ timeout: 20_000 });
    const fresh = await publish('World', 'Breaking world story');
    await button('2 new stories').click({ timeout: 20_000 });
    await eventually(async () => (await articles().first().getByRole('heading').textContent()) === 'Breaking world story');
    expect(await articles().nth(1).getByRole('heading').textContent()).toBe('Second breaking story');
    expect(await page.getByRole('button', { name: /new stor/ }).count()).toBe(0);
    expect(await articles().first().locator('time').getAttribute('datetime')).toBe(fresh.publishedAt);
    expect(await article('Breaking world story').count()).toBe(1);
  });

  it('opens an article (open event), and Back to feed returns to the feed (dwell event)', async () => {
    const target = published.find((p) => p.headline === 'World story 5')!;
    await article(target.headline).getByRole('link', { name: target.headline, exact: true }).click();
    await heading(target.headline).waitFor();
    await page.getByText('By Ada Reporter').waitFor();
    await page.getByText('Second paragraph.').waitFor();
    expect(await page.locator('main time').getAttribute('datetime')).toBe(target.publishedAt);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await expectAccessible();
    await eventually(async () => (await events(target.id)).some((e) => e.type === 'open'));

    await link('Back to feed').click();
    await heading('Your feed').waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(target.headline);
    await eventually(async () => (await events(target.id)).some((e) => e.type === 'dwell' && e.dwell_ms !== null));
  });

  it('manages topics: mute, unmute, unfollow, follow from a search', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Topics', exact: true }).click();
    await heading('Topics').waitFor();
    const following = page.getByRole('list', { name: 'Following', exact: true });
    const muted = page.getByRole('list', { name: 'Muted', exact: true });
    await following.getByRole('listitem').filter({ hasText: 'Sports' }).waitFor();
    await expectAccessible();
    expect(await hasNoHorizontalScroll(page)).toBe(true);

    await following.getByRole('listitem').filter({ hasText: 'Sports' }).getByRole('button', { name: 'Mute', exact: true }).click();
    await muted.getByRole('listitem').filter({ hasText: 'Sports' }).waitFor();
    expect((await api('/v1/me/mutes')).items.map((m: { topic: { slug: string } }) => m.topic.slug)).toEqual([topics.Sports]);
    await muted.getByRole('listitem').filter({ hasText: 'Sports' }).getByRole('button', { name: 'Unmute', exact: true }).click();
    await following.getByRole('listitem').filter({ hasText: 'Sports' }).waitFor();
    expect((await api('/v1/me/mutes')).items).toEqual([]);

    await following.getByRole('listitem').filter({ hasText: 'Sports' }).getByRole('button', { name: 'Unfollow', exact: true }).click();
    await eventually(async () => (await following.getByRole('listitem').filter({ hasText: 'Sports' }).count()) === 0);
    await page.getByRole('searchbox', { name: 'Search topics' }).fill('sci');
    const results = page.getByRole('list', { name: 'Search results', exact: true });
    await results.getByRole('listitem').filter({ hasText: 'Science' }).getByRole('button', { name: 'Follow', exact: true }).click();
    await following.getByRole('listitem').filter({ hasText: 'Science' }).waitFor();
    const follows = await api('/v1/me/follows');
    expect(follows.items.map((f: { topic: { slug: string } }) => f.topic.slug).sort()).toEqual([topics.Science, topics.World].sort());
  });

  it('lists saved stories and removes one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Saved', exact: true }).click();
    await heading('Saved').waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'World story 24' });
    await item.waitFor();
    await expectAccessible();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await item.getByRole('button', { name: 'Remove', exact: true }).click();
    await eventually(async () => (await item.count()) === 0);
    expect((await api('/v1/me/saved')).items).toEqual([]);
  });

  it('shows an empty Alerts view to a reader without alerts', async () => {
    const nav = page.getByRole('navigation').getByRole('link', { name: 'Alerts', exact: true });
    await nav.click();
    await heading('Alerts').waitFor();
    await page.getByText('No alerts yet.').waitFor();
    expect(await button('Mark all read').count()).toBe(1);
    expect(await page.getByRole('alert').isVisible()).toBe(false);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await expectAccessible();
  });

  it('returns to sign-in when the login ends elsewhere', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Home', exact: true }).click();
    await heading('Your feed').waitFor();
    const current = await session();
    expect((await t.http.post('/v1/auth/logout', { refreshToken: current!.refreshToken })).status).toBe(204);
    const other =
      (await page.getByRole('tab', { name: 'For you', exact: true }).getAttribute('aria-selected')) === 'true' ? 'Latest' : 'For you';
    await page.getByRole('tab', { name: other, exact: true }).click();
    await button('Sign in').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Your session has ended' }).count()).toBe(1);
    expect(await session()).toBeNull();
  });

  it('signs in with the password and signs out (the login is ended on the API)', async () => {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await button('Sign in').click();
    await heading('Your feed').waitFor();
    await eventually(async () => (await articles().count()) > 0);
    const { refreshToken } = (await session())!;
    await button('Sign out').click();
    await button('Sign in').waitFor();
    expect(await session()).toBeNull();
    expect((await t.http.post('/v1/auth/refresh', { refreshToken })).status).toBe(401);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await expectAccessible();
  });
});
