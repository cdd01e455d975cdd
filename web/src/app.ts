import { AlertCount } from './alerts.js';
import { api, SessionEnded } from './api.js';
import { h } from './dom.js';
import { LiveStream } from './live-stream.js';
import { alertRegion, clearError, showError } from './notice.js';
import { SavedIds } from './saved-ids.js';
import { endSession, onSessionChange, session } from './session.js';
import { alertsView } from './views/alerts.js';
import { articleView, type ArticleView } from './views/article.js';
import { FeedView } from './views/feed.js';
import { pickTopicsView } from './views/pick-topics.js';
import { savedView } from './views/saved.js';
import { signInView } from './views/sign-in.js';
import { topicsView } from './views/topics.js';

const root = document.getElementById('app') as HTMLElement;

/** What exists only while signed in: the header, the kept-alive feed, the live stream. */
class SignedIn {
  readonly saved = new SavedIds();
  readonly unread = new AlertCount();
  readonly feed = new FeedView(this.saved);
  readonly stream = new LiveStream({
    article: ({ articleId, publishedAt }) => this.feed.articleArrived(articleId, publishedAt),
    alert: () => void this.unread.refresh().catch(() => undefined),
    // An alert made between the first count and the stream's subscription sends no event: count again once it is open.
    opened: () => void this.unread.refresh().catch(() => undefined),
  });
  private readonly navLinks = new Map<string, HTMLAnchorElement>();
  private readonly slot = h('div', { class: 'slot' });
  private article: ArticleView | null = null;
  private openedFromFeed: string | null = null;
  private feedScrollY = 0;
  private picking: boolean;

  constructor(firstRun: boolean) {
    this.picking = firstRun;
    const links: [string, string][] = [
      ['#/', 'Home'],
      ['#/topics', 'Topics'],
      ['#/saved', 'Saved'],
      ['#/alerts', 'Alerts'],
    ];
    const nav = h(
      'nav',
      { 'aria-label': 'Sections' },
      h(
        'ul',
        {},
        links.map(([href, label]) => {
          const link = h('a', { href }, label);
          this.navLinks.set(href, link);
          return h('li', {}, link);
        }),
      ),
    );
    const signOut = h('button', { type: 'button', class: 'sign-out', onclick: () => void signOutNow() }, 'Sign out');
    const header = h('header', { class: 'top' }, h('a', { href: '#/', class: 'brand' }, 'myNEWS'), nav, signOut);
    root.replaceChildren(h('a', { href: '#main', class: 'skip' }, 'Skip to content'), header, alertRegion, this.slot);
    this.unread.onChange((count) => {
      // The badge sits beside the link, not in it: the link's visible text must stay part of its name.
      const alerts = this.navLinks.get('#/alerts')!;
      alerts.nextElementSibling?.remove();
      if (count > 0) {
        alerts.setAttribute('aria-label', `Alerts, ${count} unread`);
        alerts.after(h('span', { class: 'count', 'aria-hidden': 'true' }, String(count)));
      } else alerts.removeAttribute('aria-label');
    });
    void this.saved.load().catch(showError);
    void this.unread.refresh().catch(() => undefined);
    if (!firstRun) void this.feed.reload();
    this.stream.start();
  }

  route(): void {
    this.article?.leave();
    this.article = null;
    clearError();
    const hash = location.hash || '#/';
    if (this.picking) {
      this.show(
        '',
        pickTopicsView(() => {
          this.picking = false;
          void this.feed.reload();
          if (location.hash === '#/' || !location.hash) this.route();
          else location.hash = '#/';
        }),
      );
      return;
    }
    const articleMatch = /^#\/article\/(.+)$/.exec(hash);
    if (articleMatch) {
      const id = decodeURIComponent(articleMatch[1]);
      this.openedFromFeed = this.slot.firstElementChild === this.feed.element ? id : null;
      this.article = articleView(id);
      this.show('', this.article.element);
    } else if (hash === '#/topics') this.show(hash, topicsView());
    else if (hash === '#/saved') this.show(hash, savedView(this.saved));
    else if (hash === '#/alerts') this.show(hash, alertsView(this.unread));
    else {
      const back = this.openedFromFeed;
      this.openedFromFeed = null;
      this.show('#/', this.feed.element);
      this.feed.focus(back);
    }
  }

  tokensRefreshed(): void {
    this.stream.restart();
  }

  close(): void {
    this.article?.leave();
    this.stream.stop();
    this.feed.stop();
  }

  private show(navHref: string, view: HTMLElement): void {
    for (const [href, link] of this.navLinks) {
      if (href === navHref) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    // Back on the feed, the reader finds their place again.
    if (this.slot.firstElementChild === this.feed.element) this.feedScrollY = window.scrollY;
    this.slot.replaceChildren(view);
    window.scrollTo(0, view === this.feed.element ? this.feedScrollY : 0);
  }
}

let signedIn: SignedIn | null = null;
let firstRunNext = false;
let lastAccessToken = session()?.accessToken ?? null;

function render(notice: string | null = null): void {
  if (!session()) {
    signedIn?.close();
    signedIn = null;
    clearError();
    root.replaceChildren(
      alertRegion,
      signInView(notice, () => {
        firstRunNext = true;
      }),
    );
    return;
  }
  if (!signedIn) {
    signedIn = new SignedIn(firstRunNext);
    firstRunNext = false;
  }
  signedIn.route();
}

async function signOutNow(): Promise<void> {
  const refreshToken = session()?.refreshToken;
  if (refreshToken) await api('POST', '/v1/auth/logout', { refreshToken }, { auth: false }).catch(() => undefined);
  endSession('signed-out');
}

onSessionChange((current, end) => {
  if (!current) {
    lastAccessToken = null;
    render(end === 'ended' ? 'Your session has ended. Please sign in again.' : null);
    return;
  }
  const refreshed = signedIn !== null && current.accessToken !== lastAccessToken;
  lastAccessToken = current.accessToken;
  if (refreshed) signedIn?.tokensRefreshed();
  else if (!signedIn) render();
});

window.addEventListener('hashchange', () => render());
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof SessionEnded) event.preventDefault();
});
render();
