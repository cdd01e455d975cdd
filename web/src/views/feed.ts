import { api } from '../api.js';
import { focusHeading, h } from '../dom.js';
import { sendSignal } from '../feed-events.js';
import { renderFeedItem, type ItemActions, type RenderedItem } from '../feed-item.js';
import { newStoriesLabel } from '../format.js';
import { attempt, showError } from '../notice.js';
import type { SavedIds } from '../saved-ids.js';
import type { FeedItem, FeedMode, FeedPage } from '../types.js';

const TABS: { mode: FeedMode; label: string }[] = [
  { mode: 'ranked', label: 'For you' },
  { mode: 'latest', label: 'Latest' },
];
const PAGE_SIZE = 20;
// A feed just followed into is filled by the workers a moment later: look again a few times.
const EMPTY_RETRIES = 8;
const EMPTY_RETRY_MS = 1500;

/** The feed: kept alive while signed in, so going back to it keeps its place. */
export class FeedView {
  readonly element: HTMLElement;
  private mode: FeedMode = 'ranked';
  private shown = new Map<string, { item: FeedItem } & RenderedItem>();
  private nextCursor: string | null = null;
  /** Articles announced by the live stream and not shown yet, with their publishedAt. */
  private readonly pending = new Map<string, string>();
  private newStories = 0;
  private countTimer: number | undefined;
  private generation = 0;
  private retryTimer: number | undefined;
  private readonly tabs: HTMLButtonElement[];
  private readonly list = h('div', { class: 'items' });
  private readonly status = h('p', { class: 'status', role: 'status' });
  private readonly more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  private readonly fresh = h('button', { type: 'button', class: 'new-stories', hidden: true });
  private readonly actions: ItemActions;

  constructor(private readonly saved: SavedIds) {
    this.tabs = TABS.map(({ mode, label }) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${mode}`,
          'aria-controls': 'feed-panel',
          'aria-selected': String(mode === this.mode),
          tabindex: mode === this.mode ? 0 : -1,
        },
        label,
      ),
    );
    this.tabs.forEach((tab, index) => {
      tab.addEventListener('click', () => this.switchTo(TABS[index].mode));
      tab.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
        const next = this.tabs[(index + (event.key === 'ArrowRight' ? 1 : this.tabs.length - 1)) % this.tabs.length];
        next.focus();
        next.click();
      });
    });
    this.more.addEventListener('click', () => void this.loadMore());
    this.fresh.addEventListener('click', () => void this.showNewStories());
    this.actions = {
      isSaved: (id) => this.saved.has(id),
      toggleSave: async (id) => {
        if (this.saved.has(id)) return this.saved.remove(id);
        await this.saved.save(id);
        void sendSignal(id, 'save');
      },
      hide: (item) => this.removeItem(item, 'hide'),
      fewerLikeThis: (item) => this.removeItem(item, 'less_like_this'),
    };
    saved.onChange(() => {
      for (const shown of this.shown.values()) shown.repaintSave();
    });
    this.element = h(
      'main',
      { id: 'main', class: 'view feed' },
      h('h1', {}, 'Your feed'),
      h('div', { role: 'tablist', 'aria-label': 'Feed order' }, this.tabs),
      h(
        'div',
        { id: 'feed-panel', role: 'tabpanel', 'aria-labelledby': `tab-${this.mode}` },
        this.fresh,
        this.status,
        this.list,
        this.more,
      ),
    );
  }

  /** Focus on the headline the reader came back from, else on the heading. */
  focus(articleId: string | null = null): void {
    const link = articleId ? this.shown.get(articleId)?.element.querySelector('a') : null;
    if (link) link.focus({ preventScroll: true });
    else focusHeading(this.element);
  }

  /** A fresh first page of the current tab. */
  async reload(retriesLeft = EMPTY_RETRIES): Promise<void> {
    const generation = ++this.generation;
    window.clearTimeout(this.retryTimer);
    this.status.textContent = 'Loading…';
    try {
      const page = await this.fetchPage(this.mode, null);
      if (generation !== this.generation) return;
      this.shown.clear();
      this.list.replaceChildren();
      this.pending.clear();
      this.paintNewStories();
      this.append(page);
      if (page.items.length === 0 || page.state === 'rebuilding') {
        if (retriesLeft > 0) this.retryTimer = window.setTimeout(() => void this.reload(retriesLeft - 1), EMPTY_RETRY_MS);
      }
    } catch (error) {
      if (generation === this.generation) this.status.textContent = '';
      showError(error);
    }
  }

  stop(): void {
    this.generation++;
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.countTimer);
  }

  /** From the live stream: an article landed in this reader's feed. */
  articleArrived(articleId: string, publishedAt: string): void {
    if (this.shown.has(articleId)) return;
    this.pending.set(articleId, publishedAt);
    window.clearTimeout(this.countTimer);
    this.countTimer = window.setTimeout(() => void this.countNewStories(), 250);
  }

  private earliestPending(): number {
    return Math.min(...[...this.pending.values()].map((t) => Date.parse(t)));
  }

  /** new-count counts stories, not articles: three new articles of one running story are one new story. */
  private async countNewStories(): Promise<void> {
    if (!this.pending.size) return;
    const generation = this.generation;
    const since = new Date(this.earliestPending() - 1).toISOString();
    let count = this.pending.size;
    try {
      count = (await api<{ count: number }>('GET', `/v1/feed/new-count?${new URLSearchParams({ since })}`)).count;
    } catch {
      // The articles' own count is the next best answer.
    }
    if (generation !== this.generation || !this.pending.size) return;
    this.newStories = count;
    this.paintNewStories();
  }

  private switchTo(mode: FeedMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    for (const tab of this.tabs) {
      const selected = tab.id === `tab-${mode}`;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.element.querySelector('[role=tabpanel]')?.setAttribute('aria-labelledby', `tab-${mode}`);
    void this.reload();
  }

  private fetchPage(mode: FeedMode, cursor: string | null): Promise<FeedPage> {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), mode });
    if (cursor) query.set('cursor', cursor);
    return api<FeedPage>('GET', `/v1/feed?${query}`);
  }

  private async loadMore(): Promise<void> {
    if (!this.nextCursor) return;
    const generation = this.generation;
    this.more.disabled = true;
    await attempt(async () => {
      const page = await this.fetchPage(this.mode, this.nextCursor);
      if (generation === this.generation) this.append(page);
    });
    this.more.disabled = false;
  }

  private append(page: FeedPage): void {
    for (const item of page.items) {
      if (this.shown.has(item.article.id)) continue;
      const rendered = renderFeedItem(item, this.actions);
      this.shown.set(item.article.id, { item, ...rendered });
      this.list.append(rendered.element);
    }
    this.nextCursor = page.nextCursor;
    this.more.hidden = !page.nextCursor;
    this.paintStatus();
  }

  private paintStatus(): void {
    if (this.shown.size > 0) {
      this.status.replaceChildren();
      return;
    }
    this.status.replaceChildren('Your feed is empty for now. ', h('a', { href: '#/topics' }, 'Find something to follow'), '.');
  }

  private paintNewStories(): void {
    if (!this.pending.size) this.newStories = 0;
    this.fresh.hidden = this.newStories === 0;
    this.fresh.textContent = this.newStories ? newStoriesLabel(this.newStories) : '';
  }

  /** Puts the stories that arrived since the page loaded at the top, newest first. */
  private async showNewStories(): Promise<void> {
    const since = this.earliestPending();
    const ids = new Set(this.pending.keys());
    this.fresh.disabled = true;
    const ok = await attempt(async () => {
      const page = await api<FeedPage>('GET', `/v1/feed?mode=latest&limit=50`);
      const arrived = page.items.filter(
        (item) => !this.shown.has(item.article.id) && (ids.has(item.article.id) || Date.parse(item.article.publishedAt) >= since),
      );
      // A story's new lead replaces the item that led it before.
      const keys = new Set(arrived.map((item) => item.story?.key).filter(Boolean));
      for (const [id, { item, element }] of this.shown) {
        if (item.story && keys.has(item.story.key)) {
          element.remove();
          this.shown.delete(id);
        }
      }
      const elements = arrived.map((item) => {
        const rendered = renderFeedItem(item, this.actions);
        this.shown.set(item.article.id, { item, ...rendered });
        return rendered.element;
      });
      this.list.prepend(...elements);
      this.pending.clear();
      this.paintStatus();
      elements[0]?.querySelector('a')?.focus();
    });
    this.fresh.disabled = false;
    if (ok) this.paintNewStories();
  }

  private removeItem(item: FeedItem, signal: 'hide' | 'less_like_this'): void {
    const entry = this.shown.get(item.article.id);
    if (!entry) return;
    const following = entry.element.nextElementSibling?.querySelector('a') ?? null;
    entry.element.remove();
    this.shown.delete(item.article.id);
    if (following) following.focus();
    else focusHeading(this.element);
    this.paintStatus();
    void sendSignal(item.article.id, signal);
  }
}
