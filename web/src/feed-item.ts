import { api } from './api.js';
import { h } from './dom.js';
import { when } from './format.js';
import { attempt } from './notice.js';
import type { Card, FeedItem, Page } from './types.js';

export interface ItemActions {
  isSaved(id: string): boolean;
  toggleSave(id: string): Promise<void>;
  hide(item: FeedItem): void;
  fewerLikeThis(item: FeedItem): void;
}

export function articleHref(id: string): string {
  return `#/article/${encodeURIComponent(id)}`;
}

export function timeElement(iso: string): HTMLTimeElement {
  return h('time', { datetime: iso, title: new Date(iso).toLocaleString('en') }, when(iso));
}

let nextId = 0;

export interface RenderedItem {
  element: HTMLElement;
  repaintSave(): void;
}

/** One feed item: an `article` with its headline link, reason, time and actions. */
export function renderFeedItem(item: FeedItem, actions: ItemActions): RenderedItem {
  const card = item.article;
  const headingId = `item-${++nextId}`;
  const reason = item.reasons[0]?.topic.name;
  const save = h('button', { type: 'button', class: 'save' });
  const paintSave = () => {
    const saved = actions.isSaved(card.id);
    save.textContent = saved ? 'Saved' : 'Save';
    save.classList.toggle('on', saved);
  };
  paintSave();
  save.addEventListener('click', () => {
    save.disabled = true;
    void attempt(() => actions.toggleSave(card.id)).finally(() => {
      save.disabled = false;
      paintSave();
    });
  });

  const element = h(
    'article',
    { class: 'item', 'aria-labelledby': headingId, 'data-id': card.id },
    card.priority === 'breaking' ? h('p', { class: 'badge' }, 'Breaking') : null,
    h('h2', { id: headingId }, h('a', { href: articleHref(card.id) }, card.headline)),
    reason ? h('p', { class: 'reason' }, `Because you follow ${reason}`) : null,
    card.summary.length ? h('p', { class: 'summary' }, card.summary[0]) : null,
    h('p', { class: 'meta' }, timeElement(card.publishedAt), card.authors.length ? ` · ${card.authors.join(', ')}` : ''),
    item.story && item.story.count > 1 ? storyPart(item.story.key, item.story.count, item.story.related, card.id, headingId) : null,
    h(
      'div',
      { class: 'actions' },
      save,
      h('button', { type: 'button', onclick: () => actions.hide(item) }, 'Hide'),
      h('button', { type: 'button', onclick: () => actions.fewerLikeThis(item) }, 'Fewer like this'),
    ),
  );
  return { element, repaintSave: paintSave };
}

/** `<n> more on this story`: shows the related headlines, all of them fetched when the item holds only a few. */
function storyPart(key: string, count: number, related: Card[], leadId: string, headingId: string): HTMLElement {
  const listId = `${headingId}-story`;
  const list = h('ul', { id: listId, class: 'related', hidden: true });
  const button = h(
    'button',
    { type: 'button', class: 'story', 'aria-expanded': 'false', 'aria-controls': listId },
    `${count - 1} more on this story`,
  );
  const fill = (cards: Card[]) =>
    list.replaceChildren(
      ...cards
        .filter((c) => c.id !== leadId)
        .map((c) => h('li', {}, h('a', { href: articleHref(c.id) }, c.headline), ' ', timeElement(c.publishedAt))),
    );
  fill(related);
  let complete = related.length >= count - 1;
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
    if (open && !complete) {
      void attempt(async () => {
        const page = await api<Page<Card>>('GET', `/v1/stories/${encodeURIComponent(key)}?limit=50`);
        fill(page.items);
        complete = true;
      });
    }
  });
  return h('div', { class: 'story-part' }, button, list);
}
