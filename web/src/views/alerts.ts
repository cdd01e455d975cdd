import type { AlertCount } from '../alerts.js';
import { api, isNotFound } from '../api.js';
import { focusHeading, h } from '../dom.js';
import { articleHref, timeElement } from '../feed-item.js';
import { attempt, showError } from '../notice.js';
import type { Alert, Page } from '../types.js';

function reasonText(alert: Alert): string {
  if (alert.reason.type === 'breaking') return alert.reason.topic ? `Breaking news in ${alert.reason.topic.name}` : 'Breaking news';
  return alert.reason.topic ? `Because you asked for alerts on ${alert.reason.topic.name}` : 'A topic you asked alerts for';
}

/** Alerts, newest first, with Mark all read. An API without alerts (404) shows an empty list. */
export function alertsView(unread: AlertCount): HTMLElement {
  const list = h('ul', { class: 'plain-list', 'aria-label': 'Alerts' });
  const status = h('p', { class: 'status', role: 'status' }, 'Loading…');
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  const markAll = h('button', { type: 'button' }, 'Mark all read');
  let cursor: string | null = null;

  const paint = () => {
    status.textContent = list.children.length ? '' : 'No alerts yet.';
    markAll.disabled = unread.value === 0;
  };

  const load = async () => {
    const query = new URLSearchParams({ limit: '20' });
    if (cursor) query.set('cursor', cursor);
    let page: Page<Alert>;
    try {
      page = await api<Page<Alert>>('GET', `/v1/me/alerts?${query}`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      page = { items: [], nextCursor: null };
    }
    for (const alert of page.items) {
      list.append(
        h(
          'li',
          { class: alert.read ? 'read' : 'unread' },
          h('h2', {}, h('a', { href: articleHref(alert.article.id) }, alert.article.headline)),
          h('p', { class: 'reason' }, reasonText(alert), alert.read ? '' : ' · unread'),
          h('p', { class: 'meta' }, timeElement(alert.createdAt)),
        ),
      );
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
    paint();
  };

  markAll.addEventListener(
    'click',
    () =>
      void attempt(async () => {
        const newest = list.querySelector('li');
        await api('POST', '/v1/me/alerts/read', {});
        for (const item of list.querySelectorAll('li.unread')) {
          item.className = 'read';
          item.querySelector('.reason')!.lastChild!.textContent = '';
        }
        unread.set(0);
        paint();
        newest?.querySelector('a')?.focus();
      }),
  );
  more.addEventListener('click', () => void attempt(load));
  unread.onChange(() => paint());

  const root = h(
    'main',
    { id: 'main', class: 'view alerts' },
    h('h1', {}, 'Alerts'),
    h('div', { class: 'toolbar' }, markAll),
    status,
    list,
    more,
  );
  void unread
    .refresh()
    .catch(showError)
    .then(() => attempt(load));
  queueMicrotask(() => focusHeading(root));
  return root;
}
