import { groupStories, StoryEntry } from './story-groups';

const e = (articleId: number, publishedAtMs: number, storyKey: string | null = null): StoryEntry => ({
  articleId,
  publishedAtMs,
  storyKey,
});
const ids = (xs: StoryEntry[]) => xs.map((x) => x.articleId);

describe('groupStories', () => {
  it('makes one item per story where its first entry sits, led by that entry, with count and up to three related newest first', () => {
    const ordered = [e(9, 900, 's'), e(8, 800), e(7, 700, 's'), e(6, 600, 's'), e(5, 500, 's'), e(4, 400, 's'), e(3, 300)];
    const items = groupStories(ordered, 'first');
    expect(items.map((i) => i.lead.articleId)).toEqual([9, 8, 3]);
    expect(items[0].story).toEqual({ key: 's', count: 5, related: [ordered[2], ordered[3], ordered[4]] });
    expect(items[1].story).toBeNull();
    expect(items[2].story).toBeNull();
  });

  it('ranked order: the best-ranked (first) leads even when older; related stay newest first', () => {
    const items = groupStories([e(2, 200, 'x'), e(5, 500), e(4, 400, 'x'), e(3, 300, 'x')], 'first');
    expect(items.map((i) => i.lead.articleId)).toEqual([2, 5]);
    expect(ids(items[0].story!.related)).toEqual([4, 3]);
  });

  it('catch-up: the item sits at the oldest entry, led by the newest in the pool, counting the pool', () => {
    const unread = [e(3, 300, 'x'), e(4, 400), e(5, 500, 'x')];
    const pool = [e(1, 100, 'x'), ...unread];
    const items = groupStories(unread, 'newest', pool);
    expect(items.map((i) => [i.at.articleId, i.lead.articleId])).toEqual([
      [3, 5],
      [4, 4],
    ]);
    expect(items[0].story).toMatchObject({ key: 'x', count: 3 });
    expect(ids(items[0].story!.related)).toEqual([3, 1]);
  });

  it('a story of one article is still an item with count 1 and no related; related never holds the lead', () => {
    const [item] = groupStories([e(1, 100, 'solo')], 'first');
    expect(item.story).toEqual({ key: 'solo', count: 1, related: [] });
  });

  it('never counts an article twice when it is both in the order and the pool', () => {
    const a = e(1, 100, 'k');
    const b = e(2, 200, 'k');
    expect(groupStories([b], 'newest', [a, b, { ...b }])[0].story!.count).toBe(2);
  });
});
