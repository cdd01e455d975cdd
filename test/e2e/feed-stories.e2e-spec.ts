import { jest } from '@jest/globals';
import { RankedTopService } from '../../src/feed/ranked-top.service';
import { WindowPages } from '../../src/feed/window-pages';
import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { recordRedisCommands } from '../support/redis-commands';
import { startTestApp, TestApp } from '../support/test-app';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

interface Card {
  id: string;
  storyKey: string | null;
}
interface Item {
  article: Card;
  story: { key: string; count: number; related: Card[] } | null;
}

describe('stories in the feed', () => {
  let t: TestApp;
  let news: Newsroom;
  let serial = 0;

  beforeAll(async () => {
    // A small window and re-rank window, so scrolls also run past the window into Postgres.
    t = await startTestApp({ workers: true, env: { FEED_MAX_ITEMS: '10', RANK_RERANK_WINDOW: '6' } });
    news = await Newsroom.open(t);
  });
  afterAll(() => t.close());

  const feed = async (token: string, query: Record<string, string>) => {
    const res = await t.http.get('/v1/feed', { token, query });
    expect(res.status).toBe(200);
    return res.body as { items: Item[]; nextCursor: string | null };
  };
  async function scroll(token: string, mode: string, limit: number): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await feed(token, { mode, limit: String(limit), ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return items;
    }
    throw new Error('the scroll did not end');
  }
  const key = (name: string) => `${name}-${++serial}`;

  it('latest: one item per story where its newest article sits, with count and up to three related newest first', async () => {
    const topic = await news.topic();
    const s = key('summit');
    const a1 = await news.publish([topic], { publishedAt: minutesAgo(50), storyKey: s });
    const p1 = await news.publish([topic], { publishedAt: minutesAgo(45) });
    const a2 = await news.publish([topic], { publishedAt: minutesAgo(40), storyKey: s });
    const a3 = await news.publish([topic], { publishedAt: minutesAgo(30), storyKey: s });
    const p2 = await news.publish([topic], { publishedAt: minutesAgo(20) });
    const a4 = await news.publish([topic], { publishedAt: minutesAgo(15), storyKey: s });
    const a5 = await news.publish([topic], { publishedAt: minutesAgo(12), storyKey: s });
    const p3 = await news.publish([topic], { publishedAt: minutesAgo(10) });
    const reader = await news.reader([topic]);
    const { items } = await feed(reader.token, { mode: 'latest' });
    expect(items.map((i) => i.article.id)).toEqual([p3.id, a5.id, p2.id, p1.id]);
    expect(items[1].story).toMatchObject({ key: s, count: 5 });
    expect(items[1].story!.related.map((c) => c.id)).toEqual([a4.id, a3.id, a2.id]);
    expect(items[1].story!.related[0]).not.toHaveProperty('body');
    expect(items[0].story).toBeNull();
    expect(a1.id).toBeDefined();
    // Topic lists are archives: not grouped.
    const list = await t.http.get(`/v1/topics/${topic}/articles`);
    expect(list.body.items).toHaveLength(8);
    // new-count counts stories: the story's five are one.
    expect((await t.http.get('/v1/feed/new-count', { token: reader.token, query: { since: minutesAgo(60) } })).body.count).toBe(4);
  });

  it('ranked: one item per story, led by its best-ranked article', async () => {
    const [liked, plain] = [await news.topic(), await news.topic()];
    const s = key('trade');
    const breaking = await news.publish([plain], { publishedAt: minutesAgo(40), storyKey: s, priority: 'breaking' });
    const newer = await news.publish([plain], { publishedAt: minutesAgo(5), storyKey: s });
    const other = await news.publish([liked], { publishedAt: minutesAgo(20) });
    const reader = await news.reader([liked, plain]);
    const { items } = await feed(reader.token, { mode: 'ranked' });
    expect(items.map((i) => i.article.id)).toEqual([breaking.id, other.id]);
    expect(items[0].story).toMatchObject({ key: s, count: 2, related: [{ id: newer.id }] });
  });

  it.each([['latest'], ['ranked']])(
    '%s: paging to the end shows every article once, as an item or inside its story, and each story once',
    async (mode) => {
      const [a, b] = [await news.topic(), await news.topic()];
      const keys = [key('x'), key('y'), key('z')];
      const published: { id: string; storyKey: string | null }[] = [];
      for (let i = 0; i < 24; i++) {
        // A third of the articles in stories of three, interleaved with the rest; two topics for the diversity rule.
        const storyKey = i % 3 === 1 ? keys[Math.floor(i / 9) % 3] : null;
        const article = await news.publish([i % 2 ? a : b], { publishedAt: minutesAgo(200 - i * 7), storyKey });
        published.push({ id: article.id, storyKey });
      }
      const reader = await news.reader([a, b]);
      for (const limit of [2, 3, 5]) {
        const items = await scroll(reader.token, mode, limit);
        const shown = items.flatMap((i) => [i.article.id, ...(i.story?.related.map((c) => c.id) ?? [])]);
        expect(new Set(shown).size).toBe(shown.length);
        expect([...shown].sort()).toEqual(published.map((p) => p.id).sort());
        const storyItems = items.filter((i) => i.story);
        expect(storyItems.map((i) => i.story!.key).sort()).toEqual([...keys].sort());
        for (const i of storyItems) expect(i.story!.count).toBe(1 + i.story!.related.length);
        // One item per story: 24 articles, stories of 3, 3 and 2.
        expect(items).toHaveLength(24 - 2 - 2 - 1);
      }
    },
  );

  it('a new article of a story brings it back to the top of a fresh first page as its lead; an open scroll never shows the story again', async () => {
    const topic = await news.topic();
    const s = key('election');
    const old = await news.publish([topic], { publishedAt: minutesAgo(30), storyKey: s });
    const plain: string[] = [];
    for (let i = 0; i < 4; i++) plain.push((await news.publish([topic], { publishedAt: minutesAgo(25 - i) })).id);
    const reader = await news.reader([topic]);
    const first = await feed(reader.token, { mode: 'latest', limit: '4' });
    expect(first.items.map((i) => i.article.id)).toEqual([...plain].reverse());

    const fresh = await news.publish([topic], { storyKey: s });
    await waitForQueuesIdle(t);
    const rest = await feed(reader.token, { mode: 'latest', limit: '4', cursor: first.nextCursor! });
    // The story's lead is now above the cursor: its older article is not shown on its own.
    expect(rest.items).toEqual([]);
    const top = await feed(reader.token, { mode: 'latest', limit: '4' });
    expect(top.items[0].article.id).toBe(fresh.id);
    expect(top.items[0].story).toMatchObject({ key: s, count: 2, related: [{ id: old.id }] });
    const ranked = await feed(reader.token, { mode: 'ranked', limit: '4' });
    expect(ranked.items[0].article.id).toBe(fresh.id);
  });

  it("count and related in the feed and catch-up hold the story's members past the window (FEED_MAX_ITEMS 10)", async () => {
    const topic = await news.topic();
    const s = key('budget');
    const old = await news.publish([topic], { publishedAt: minutesAgo(300), storyKey: s });
    for (let i = 0; i < 11; i++) await news.publish([topic], { publishedAt: minutesAgo(200 - i) });
    const lead = await news.publish([topic], { publishedAt: minutesAgo(10), storyKey: s });
    const reader = await news.reader([topic]);
    const story = { key: s, count: 2, related: [expect.objectContaining({ id: old.id })] };
    const [latest] = (await feed(reader.token, { mode: 'latest', limit: '1' })).items;
    expect(latest).toMatchObject({ article: { id: lead.id }, story });
    // Catch-up sees no further back than the window, but a story's item counts all its visible articles.
    const catchUp = await t.http.get('/v1/feed/catch-up', { token: reader.token, query: { limit: '50' } });
    expect(catchUp.status).toBe(200);
    const items = catchUp.body.items as Item[];
    expect(items[items.length - 1]).toMatchObject({ article: { id: lead.id }, story });
    expect(items.filter((i) => i.story)).toHaveLength(1);
  });

  it('reads a warm page holding a story, either mode, in ONE Redis round trip (members and their cards come with the page)', async () => {
    const topic = await news.topic();
    const s = key('strike');
    const minutes = [50, 45, 40, 30, 20, 10];
    const published = [];
    // Story articles interleaved with plain ones: a latest page of three meets an older article of the story too.
    for (const [i, m] of minutes.entries())
      published.push(await news.publish([topic], { publishedAt: minutesAgo(m), storyKey: i % 2 ? null : s }));
    await waitForQueuesIdle(t);
    const reader = await news.reader([topic]);
    const query = (mode: string) => ({ mode, limit: '3' });
    const expected = {
      latest: [published[5].id, published[4].id, published[3].id],
      ranked: (await feed(reader.token, query('ranked'))).items.map((i) => i.article.id),
    };
    expect(expected.ranked).toHaveLength(3);
    for (const mode of ['latest', 'ranked'] as const) await feed(reader.token, query(mode));

    const { sent, restore } = recordRedisCommands(t.app);
    try {
      for (const mode of ['latest', 'ranked'] as const) {
        sent.length = 0;
        const { items } = await feed(reader.token, query(mode));
        expect(items.map((i) => i.article.id)).toEqual(expected[mode]);
        expect(items.find((i) => i.story)?.story).toMatchObject({ key: s, count: 3 });
        // On a cluster the script reads no cards nor story members (they lie in other slots).
        if (t.config.REDIS_CLUSTER_NODES) expect(sent[0]).toBe('evalsha');
        else expect({ mode, sent }).toEqual({ mode, sent: ['evalsha'] });
      }
    } finally {
      restore();
    }
  });

  it('answers If-None-Match on a warm page holding a story with 304 from versions, before any page is built; 200 once a member changed', async () => {
    const topic = await news.topic();
    const s = key('floods');
    const old = await news.publish([topic], { publishedAt: minutesAgo(50), storyKey: s });
    for (const m of [40, 30, 20]) await news.publish([topic], { publishedAt: minutesAgo(m) });
    const lead = await news.publish([topic], { publishedAt: minutesAgo(10), storyKey: s });
    await waitForQueuesIdle(t);
    const reader = await news.reader([topic]);
    const tags: Record<string, string> = {};
    for (const mode of ['latest', 'ranked']) {
      const query = { mode, limit: '2' };
      for (let i = 0; i < 2; i++) await feed(reader.token, query);
      const warm = await t.http.get('/v1/feed', { token: reader.token, query });
      expect(warm.body.items[0]).toMatchObject({ article: { id: lead.id }, story: { count: 2, related: [{ id: old.id }] } });
      tags[mode] = String(warm.headers.etag);
      const fromTop = jest.spyOn(t.app.get(RankedTopService), 'fromTop');
      const fromWindow = jest.spyOn(t.app.get(WindowPages), 'fromWindow');
      try {
        const again = await t.http.get('/v1/feed', { token: reader.token, query, headers: { 'if-none-match': tags[mode] } });
        expect(again.status).toBe(304);
        // On a cluster the script reads no story members: the page is built, and its body's hash answers.
        if (!t.config.REDIS_CLUSTER_NODES) {
          expect(fromTop).not.toHaveBeenCalled();
          expect(fromWindow).not.toHaveBeenCalled();
        }
      } finally {
        fromTop.mockRestore();
        fromWindow.mockRestore();
      }
    }
    // The older member is not on the page itself: only its story's members and its card change.
    expect((await t.http.delete(`/v1/articles/${old.id}`, { token: news.editor.token })).status).toBe(204);
    for (const mode of ['latest', 'ranked']) {
      const changed = await t.http.get('/v1/feed', {
        token: reader.token,
        query: { mode, limit: '2' },
        headers: { 'if-none-match': tags[mode] },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.items[0]).toMatchObject({ article: { id: lead.id }, story: { count: 1, related: [] } });
    }
  });

  it('hides and muted words: the next visible article leads, and count holds only what the reader may see', async () => {
    const topic = await news.topic();
    const s = key('quake');
    const a1 = await news.publish([topic], { publishedAt: minutesAgo(30), storyKey: s, headline: 'Quake aftermath' });
    const a2 = await news.publish([topic], { publishedAt: minutesAgo(20), storyKey: s, headline: 'Rescue teams arrive' });
    const a3 = await news.publish([topic], { publishedAt: minutesAgo(10), storyKey: s, headline: 'Volcano warning issued' });
    const reader = await news.reader([topic]);
    expect((await feed(reader.token, { mode: 'latest' })).items.map((i) => [i.article.id, i.story?.count])).toEqual([[a3.id, 3]]);
    expect((await t.http.post('/v1/feed/events', { events: [{ articleId: a3.id, type: 'hide' }] }, { token: reader.token })).status).toBe(
      202,
    );
    expect((await feed(reader.token, { mode: 'latest' })).items.map((i) => [i.article.id, i.story?.count])).toEqual([[a2.id, 2]]);
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'rescue teams' }, { token: reader.token })).status).toBe(201);
    const left = (await feed(reader.token, { mode: 'ranked' })).items;
    expect(left.map((i) => [i.article.id, i.story?.count, i.story?.related])).toEqual([[a1.id, 1, []]]);
  });

  it('a muted word with an expiry hides its articles until then, then they show again', async () => {
    const topic = await news.topic();
    const plain = await news.publish([topic], { publishedAt: minutesAgo(10) });
    const muted = await news.publish([topic], { publishedAt: minutesAgo(5), summary: ['The Ölpreis climbs again'] });
    const reader = await news.reader([topic]);
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'ölpreis', expiresAt }, { token: reader.token })).status).toBe(201);
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([plain.id]);
    expect((await t.http.get('/v1/feed/new-count', { token: reader.token, query: { since: minutesAgo(60) } })).body.count).toBe(1);
    await eventually(async () => (await news.feedIds(reader.token, { mode: 'latest' })).length === 2 || null, {
      timeoutMs: 10_000,
      intervalMs: 200,
    });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([muted.id, plain.id]);
    expect((await t.http.get('/v1/feed/new-count', { token: reader.token, query: { since: minutesAgo(60) } })).body.count).toBe(2);
  });
});
