/**
 * One item per running story (docs/feed.md, "Stories"): pure logic over entries already judged visible to the
 * reader. The caller gives the entries in the order it serves them; a story's item sits where the first of its
 * entries comes in that order. In the feed that first one is its lead (newest in latest mode, best-ranked in
 * ranked mode); in catch-up (oldest first) it is the oldest unread one and the lead is the story's newest.
 */
export interface StoryEntry {
  articleId: number;
  publishedAtMs: number;
  storyKey: string | null;
}

export interface GroupedItem<T extends StoryEntry> {
  /** The article shown as the item. */
  lead: T;
  /** Where the item sits in the served order (the story's first entry there). */
  at: T;
  story: { key: string; count: number; related: T[] } | null;
}

export const MAX_RELATED = 3;

const newestFirst = (a: StoryEntry, b: StoryEntry) => b.publishedAtMs - a.publishedAtMs || b.articleId - a.articleId;

/**
 * `ordered`: the entries in served order. `pool`: every visible entry of the reader's feed that may belong to the
 * same stories (for `count` and `related`; defaults to `ordered`). `lead`: 'first' (the item's own entry leads) or
 * 'newest' (the story's newest entry in the pool leads).
 */
export function groupStories<T extends StoryEntry>(
  ordered: readonly T[],
  lead: 'first' | 'newest',
  pool: readonly T[] = ordered,
): GroupedItem<T>[] {
  const members = new Map<string, T[]>();
  const seenIds = new Set<number>();
  for (const e of [...ordered, ...pool]) {
    if (e.storyKey === null || seenIds.has(e.articleId)) continue;
    seenIds.add(e.articleId);
    const list = members.get(e.storyKey);
    if (list) list.push(e);
    else members.set(e.storyKey, [e]);
  }
  for (const list of members.values()) list.sort(newestFirst);
  const served = new Set<string>();
  const items: GroupedItem<T>[] = [];
  for (const e of ordered) {
    if (e.storyKey === null) {
      items.push({ lead: e, at: e, story: null });
      continue;
    }
    if (served.has(e.storyKey)) continue;
    served.add(e.storyKey);
    const all = members.get(e.storyKey)!;
    const leader = lead === 'first' ? e : all[0];
    const related = all.filter((m) => m.articleId !== leader.articleId).slice(0, MAX_RELATED);
    items.push({ lead: leader, at: e, story: { key: e.storyKey, count: all.length, related } });
  }
  return items;
}
