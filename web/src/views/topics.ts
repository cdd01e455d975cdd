import { api } from '../api.js';
import { focusHeading, h } from '../dom.js';
import { attempt, showError } from '../notice.js';
import { topicSearchBox } from '../topic-search.js';
import type { Topic } from '../types.js';

interface Follow {
  topic: Topic;
}
interface Mute {
  topic: Topic;
}

/** Followed and muted topics, and a search to follow more. */
export function topicsView(): HTMLElement {
  let follows: Topic[] = [];
  let mutes: Topic[] = [];
  let results: Topic[] = [];
  const following = h('ul', { class: 'topic-list', 'aria-labelledby': 'following-title' });
  const muted = h('ul', { class: 'topic-list', 'aria-labelledby': 'muted-title' });
  const found = h('ul', { class: 'topic-list', 'aria-label': 'Search results' });

  const act = (method: 'PUT' | 'DELETE', list: 'follows' | 'mutes', slug: string) => () =>
    void attempt(async () => {
      await api(method, `/v1/me/${list}/${encodeURIComponent(slug)}`);
      await load();
    });

  const row = (topic: Topic, ...buttons: (HTMLElement | string)[]) =>
    h('li', {}, h('span', { class: 'name' }, topic.name), h('span', { class: 'buttons' }, buttons));
  const button = (label: string, onclick: () => void) => h('button', { type: 'button', onclick }, label);

  const render = () => {
    const mutedSlugs = new Set(mutes.map((t) => t.slug));
    const followedSlugs = new Set(follows.map((t) => t.slug));
    const active = follows.filter((t) => !mutedSlugs.has(t.slug));
    following.replaceChildren(
      ...active.map((t) => row(t, button('Unfollow', act('DELETE', 'follows', t.slug)), button('Mute', act('PUT', 'mutes', t.slug)))),
    );
    if (!active.length) following.append(h('li', { class: 'empty' }, 'You follow no topic yet.'));
    muted.replaceChildren(...mutes.map((t) => row(t, button('Unmute', act('DELETE', 'mutes', t.slug)))));
    if (!mutes.length) muted.append(h('li', { class: 'empty' }, 'Nothing muted.'));
    found.replaceChildren(
      ...results.map((t) =>
        followedSlugs.has(t.slug) || mutedSlugs.has(t.slug)
          ? row(t, h('span', { class: 'state' }, mutedSlugs.has(t.slug) ? 'Muted' : 'Following'))
          : row(t, button('Follow', act('PUT', 'follows', t.slug)), button('Mute', act('PUT', 'mutes', t.slug))),
      ),
    );
  };

  const load = async () => {
    const [f, m] = await Promise.all([api<{ items: Follow[] }>('GET', '/v1/me/follows'), api<{ items: Mute[] }>('GET', '/v1/me/mutes')]);
    follows = f.items.map((i) => i.topic).sort((a, b) => a.name.localeCompare(b.name));
    mutes = m.items.map((i) => i.topic).sort((a, b) => a.name.localeCompare(b.name));
    render();
  };

  const root = h(
    'main',
    { id: 'main', class: 'view topics' },
    h('h1', {}, 'Topics'),
    h('section', { 'aria-labelledby': 'following-title' }, h('h2', { id: 'following-title' }, 'Following'), following),
    h('section', { 'aria-labelledby': 'muted-title' }, h('h2', { id: 'muted-title' }, 'Muted'), muted),
    h(
      'section',
      { 'aria-labelledby': 'more-title' },
      h('h2', { id: 'more-title' }, 'Find more'),
      topicSearchBox(
        'topics-search',
        (topics) => {
          results = topics;
          render();
        },
        showError,
        { listAllWhenEmpty: false },
      ),
      found,
    ),
  );
  void attempt(load);
  queueMicrotask(() => focusHeading(root));
  return root;
}
