import type { Page } from 'playwright-core';
import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, type TestApp } from '../support/test-app';
import { type ReaderBrowser, hasNoHorizontalScroll, listen, openReader, seriousAxeViolations, signIn } from './browser';

const PASSWORD = 'correct horse battery';

describe('web reader: the Alerts view against the API and its workers', () => {
  let t: TestApp;
  let news: Newsroom;
  let base: string;
  let browser: ReaderBrowser;
  let page: Page;
  let token: string;
  let world: string;

  const nav = () => page.getByRole('navigation');
  const alertsLink = (name: string) => nav().getByRole('link', { name, exact: true });
  const alertItems = () => page.getByRole('list', { name: 'Alerts', exact: true }).getByRole('listitem');
  const unreadCount = async () => (await t.http.get('/v1/me/alerts/unread-count', { token })).body.count as number;
  const breaking = async (headline: string) => {
    const article = await news.publish([world], { headline, priority: 'breaking' });
    await waitForQueuesIdle(t);
    return article;
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    base = await listen(t);
    world = await news.topic('World');
    const registered = await t.http.post('/v1/auth/register', { email: 'alerts@example.test', password: PASSWORD, displayName: 'Al' });
    expect(registered.status).toBe(201);
    token = registered.body.tokens.accessToken;
    expect((await t.http.put(`/v1/me/follows/${world}`, undefined, { token })).status).toBe(200);
    browser = await openReader(base, { width: 390, height: 844 });
    page = browser.page;
    await signIn(page, base, 'alerts@example.test', PASSWORD);
  });
  afterEach(async () => {
    expect(await browser.cspViolations()).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('names the unread count in the navigation as alerts arrive on the live stream', async () => {
    expect(await alertsLink('Alerts').count()).toBe(1);
    await breaking('Quake hits the capital');
    await alertsLink('Alerts, 1 unread').waitFor();
    await breaking('Second quake hits the coast');
    await alertsLink('Alerts, 2 unread').waitFor();
    expect(await unreadCount()).toBe(2);
  });

  it('lists the alerts newest first with their reason', async () => {
    await alertsLink('Alerts, 2 unread').click();
    await page.getByRole('heading', { name: 'Alerts', exact: true, level: 1 }).waitFor();
    await eventually(async () => (await alertItems().count()) === 2);
    const headlines = await alertItems().getByRole('link').allTextContents();
    expect(headlines).toEqual(['Second quake hits the coast', 'Quake hits the capital']);
    expect(await alertItems().first().textContent()).toContain('Breaking news in World');
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('marks all read: the list, the navigation and the API agree', async () => {
    await page.getByRole('button', { name: 'Mark all read', exact: true }).click();
    await alertsLink('Alerts').waitFor();
    expect(await alertsLink('Alerts, 2 unread').count()).toBe(0);
    expect(await page.locator('li.unread').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark all read', exact: true }).isDisabled()).toBe(true);
    expect(await unreadCount()).toBe(0);
    const listed = (await t.http.get('/v1/me/alerts', { token })).body.items as { read: boolean }[];
    expect(listed.map((a) => a.read)).toEqual([true, true]);
  });

  it('opens an alerted article from the list', async () => {
    await alertItems().first().getByRole('link', { name: 'Second quake hits the coast', exact: true }).click();
    await page.getByRole('heading', { name: 'Second quake hits the coast', exact: true, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Back to feed', exact: true }).waitFor();
  });

  it('counts an alert made while the live stream was still connecting (its event never reaches the page)', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const isStream = (url: URL) => url.pathname === '/v1/feed/stream';
    await page.route(isStream, async (route) => {
      await held;
      await route.continue();
    });
    try {
      // A fresh load counts (nothing unread) while its stream waits; then an alert is made, then the stream opens.
      const counted = page.waitForResponse((r) => r.url().endsWith('/v1/me/alerts/unread-count'));
      await page.reload();
      await counted;
      await breaking('Aftershock felt inland');
      release();
      await alertsLink('Alerts, 1 unread').waitFor();
    } finally {
      release();
      await page.unroute(isStream);
    }
  });
});
