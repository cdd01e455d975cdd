import { api } from '../api.js';
import { focusHeading, h } from '../dom.js';
import { attempt, clearError, showError } from '../notice.js';
import { topicSearchBox } from '../topic-search.js';
import type { Topic } from '../types.js';

/** First run: check topics (checks survive new searches), Continue follows them. */
export function pickTopicsView(onDone: () => void): HTMLElement {
  const picked = new Map<string, Topic>();
  let results: Topic[] = [];
  const list = h('ul', { class: 'checklist' });

  const render = () => {
    // Picked topics stay listed (and checked) whatever the search shows.
    const shown = [...picked.values(), ...results.filter((t) => !picked.has(t.slug))];
    list.replaceChildren(
      ...shown.map((topic) => {
        const id = `pick-${topic.slug}`;
        const box = h('input', { type: 'checkbox', id, checked: picked.has(topic.slug) });
        box.addEventListener('change', () => {
          if (box.checked) picked.set(topic.slug, topic);
          else picked.delete(topic.slug);
        });
        return h('li', {}, box, h('label', { for: id }, topic.name));
      }),
    );
    if (shown.length === 0) list.append(h('li', { class: 'empty' }, 'No topic matches that search.'));
  };

  const search = topicSearchBox(
    'pick-search',
    (topics) => {
      results = topics;
      render();
    },
    showError,
    { listAllWhenEmpty: true },
  );
  const next = h('button', { type: 'button', class: 'primary' }, 'Continue');
  next.addEventListener('click', () => {
    next.disabled = true;
    clearError();
    void attempt(async () => {
      for (const slug of picked.keys()) await api('PUT', `/v1/me/follows/${encodeURIComponent(slug)}`);
      onDone();
    }).finally(() => {
      next.disabled = false;
    });
  });

  const root = h(
    'main',
    { id: 'main', class: 'view pick-topics' },
    h('h1', {}, 'Pick your topics'),
    h('p', {}, 'Choose a few to start your feed. You can change them any time under Topics.'),
    search,
    h('fieldset', {}, h('legend', { class: 'visually-hidden' }, 'Topics'), list),
    h('div', { class: 'sticky-actions' }, next),
  );
  queueMicrotask(() => focusHeading(root));
  return root;
}
