import { api } from './api.js';
import { h } from './dom.js';
import type { Page, Topic } from './types.js';

export function searchTopics(q: string, limit = 50): Promise<Page<Topic>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (q.trim()) query.set('q', q.trim());
  return api<Page<Topic>>('GET', `/v1/topics?${query}`);
}

/** A search box labelled `Search topics` that calls `onResults` with the latest answer only (typing outruns the network). */
export function topicSearchBox(
  id: string,
  onResults: (topics: Topic[]) => void,
  onError: (error: unknown) => void,
  { listAllWhenEmpty }: { listAllWhenEmpty: boolean },
): HTMLElement {
  const input = h('input', { id, type: 'search', autocomplete: 'off', spellcheck: 'false' });
  let asked = 0;
  let timer: number | undefined;
  const run = () => {
    const ticket = ++asked;
    if (!listAllWhenEmpty && !input.value.trim()) return onResults([]);
    searchTopics(input.value).then((page) => {
      if (ticket === asked) onResults(page.items);
    }, onError);
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  });
  queueMicrotask(run);
  return h('div', { class: 'field search', role: 'search' }, h('label', { for: id }, 'Search topics'), input);
}
