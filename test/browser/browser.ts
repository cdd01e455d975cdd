import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';

/** The API's policy for HTML pages: the reader must run under it (no inline script or style). */
export const CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

// Debian's Chromium; this closed network needs every background fetch off. Never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ReaderBrowser {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations the page reported. */
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile with one page. The reader's page gets the CSP above on top of the app's own,
 * and the page records any violation of either.
 */
export async function openReader(base: string, viewport = { width: 1280, height: 800 }): Promise<ReaderBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`The browser tests need Debian's Chromium at ${CHROMIUM}: sudo apt-get install -y chromium`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'mynews-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport,
    locale: 'en-GB',
  });
  // The brief's policy is added to whatever the app sends: the browser enforces both.
  await context.route(
    (url) => url.origin === base && url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const own = response.headers()['content-security-policy'];
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': own ? `${own}, ${CSP}` : CSP } });
    },
  );
  // Page-side code is given as source text: it runs in the browser, and the tests' type-check has no DOM types.
  await context.addInitScript(`
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  `);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    cspViolations: () => page.evaluate<string[]>('window.cspViolations'),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = readFileSync(resolve(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now (injected through DevTools, not a script tag the CSP would block). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<{ id: string; impact: string; targets: string[] }[]>(`
    axe.run().then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })))
  `);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}

/** True when the page is no wider than its viewport. */
export function hasNoHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');
}

/** The test app on a loopback port, for a real browser. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}

/** Signs in through the page's form and waits for the feed. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Your feed', exact: true, level: 1 }).waitFor();
}
