import { api } from '../api.js';
import { focusHeading, h } from '../dom.js';
import { articleHref, timeElement } from '../feed-item.js';
import { attempt } from '../notice.js';
import type { SavedIds } from '../saved-ids.js';
import type { Card, Page } from '../types.js';

/** Saved stories, newest first, each with Remove. */
export function savedView(saved: SavedIds): HTMLElement {
  const list = h('ul', { class: 'plain-list', 'aria-label': 'Saved stories' });
  const status = h('p', { class: 'status', role: 'status' }, 'Loading…');
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  let cursor: string | null = null;

  const paintEmpty = () => {
    status.textContent = list.children.length ? '' : 'Nothing saved yet. Press Save on a story to keep it here.';
  };

  const load = async () => {
    const query = new URLSearchParams({ limit: '20' });
    if (cursor) query.set('cursor', cursor);
    const page = await api<Page<{ article: Card; savedAt: string }>>('GET', `/v1/me/saved?${query}`);
    for (const { article } of page.items) {
      const remove = h('button', { type: 'button' }, 'Remove');
      const item = h(
        'li',
        {},
        h('h2', {}, h('a', { href: articleHref(article.id) }, article.headline)),
        h('p', { class: 'meta' }, timeElement(article.publishedAt)),
        remove,
      );
      remove.addEventListener(
        'click',
        () =>
          void attempt(async () => {
            await saved.remove(article.id);
            item.remove();
            paintEmpty();
            focusHeading(root);
          }),
      );
      list.append(item);
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
    paintEmpty();
  };
  more.addEventListener('click', () => void attempt(load));

  const root = h('main', { id: 'main', class: 'view saved' }, h('h1', {}, 'Saved'), status, list, more);
  void attempt(load);
  queueMicrotask(() => focusHeading(root));
  return root;
}
