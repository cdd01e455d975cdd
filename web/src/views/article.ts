import { api, isNotFound } from '../api.js';
import { focusHeading, h } from '../dom.js';
import { sendSignal } from '../feed-events.js';
import { timeElement } from '../feed-item.js';
import { showError } from '../notice.js';
import type { Article } from '../types.js';

const MAX_DWELL_MS = 86_400_000;

export interface ArticleView {
  element: HTMLElement;
  leave(): void;
}

/** One article: opening it sends `open`; leaving (another view, or the page) sends `dwell`. */
export function articleView(id: string): ArticleView {
  const back = h('a', { href: '#/', class: 'back' }, 'Back to feed');
  const body = h('div', { class: 'article-body' }, h('p', { role: 'status' }, 'Loading…'));
  const element = h('main', { id: 'main', class: 'view article' }, h('p', {}, back), body);
  const openedAt = Date.now();
  let opened = false;
  let left = false;

  const leave = (keepalive: boolean) => {
    if (left || !opened) return;
    left = true;
    window.removeEventListener('pagehide', onPageHide);
    const dwellMs = Math.min(MAX_DWELL_MS, Math.max(0, Math.round(Date.now() - openedAt)));
    void sendSignal(id, 'dwell', { dwellMs }, keepalive);
  };
  const onPageHide = () => leave(true);
  window.addEventListener('pagehide', onPageHide);

  api<Article>('GET', `/v1/articles/${encodeURIComponent(id)}`, undefined).then(
    (article) => {
      opened = true;
      void sendSignal(id, 'open');
      const paragraphs = article.body.split(/\n\s*\n/).map((text) => h('p', {}, text));
      body.replaceChildren(
        ...[
          h('h1', {}, article.headline),
          h(
            'p',
            { class: 'meta' },
            article.authors.length ? h('span', { class: 'authors' }, `By ${article.authors.join(', ')}`) : null,
            article.authors.length ? ' · ' : null,
            timeElement(article.publishedAt),
          ),
          article.topics.length ? h('p', { class: 'topics' }, article.topics.map((t) => t.name).join(' · ')) : null,
          article.summary.length
            ? h(
                'ul',
                { class: 'summary' },
                article.summary.map((line) => h('li', {}, line)),
              )
            : null,
          h('div', { class: 'text' }, paragraphs),
        ].filter((part) => part !== null),
      );
      focusHeading(element);
    },
    (error: unknown) => {
      body.replaceChildren(
        h('h1', {}, isNotFound(error) ? 'Story not found' : 'Story unavailable'),
        h('p', {}, isNotFound(error) ? 'It may have been withdrawn.' : 'Please try again in a moment.'),
      );
      if (!isNotFound(error)) showError(error);
      focusHeading(element);
    },
  );

  return { element, leave: () => leave(false) };
}
