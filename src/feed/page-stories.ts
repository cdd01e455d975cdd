import type { CachedCard } from '../articles/card-envelope';
import type { StoryMembersService } from '../articles/story-members.service';
import type { ItemStory } from './feed-item';
import { MAX_RELATED } from './story-groups';
import type { PageCards } from './page-cards';

/**
 * Where an article comes in the order a scroll serves the feed, smallest first: [0, i] at index i of the ranked
 * top, [1, -key, -id] in the Redis window's order, [2, -publishedAtMs, -id] past the window (Postgres, newest first).
 */
export type ServeRank = [group: number, a: number, b: number];

/** Stands for any rank in a group after the one asked about (see PageStories.rankOf). */
export const AFTER_ALL: ServeRank = [3, 0, 0];

const compareRank = (x: ServeRank, y: ServeRank) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

export interface StoryMember {
  articleId: number;
  card: CachedCard;
}

/**
 * The members of these stories the reader may see (`isShown`: the feed rule, hides, muted words), newest first, from
 * the story members cache and their cards through PageCards: two Redis round trips, no Postgres when warm; none for
 * what the page script already read (`read`, and the member cards it gave PageCards).
 */
export async function visibleStoryMembers(
  stories: StoryMembersService,
  cards: PageCards,
  isShown: (card: CachedCard, articleId: number) => boolean,
  keys: string[],
  read?: ReadonlyMap<string, number[] | null>,
): Promise<Map<string, StoryMember[]>> {
  const ids = await stories.get(keys, read);
  const got = await cards.getMany([...new Set([...ids.values()].flat())].map(String));
  const visible = new Map<string, StoryMember[]>();
  for (const key of keys) {
    const members: StoryMember[] = [];
    for (const articleId of ids.get(key) ?? []) {
      const card = got.get(String(articleId));
      if (card && card.storyKey === key && isShown(card, articleId)) members.push({ articleId, card });
    }
    visible.set(key, members);
  }
  return visible;
}

/**
 * The stories of one page read (docs/feed.md, "Stories"). A story is one item, led by the first of its visible
 * articles in serve order; every other article of it is left out of the scroll. The lead is a property of the
 * order, not of the pages, so a story shows once however the scroll is cut into pages, and cursors stay positions.
 * Members come from the story members cache, their cards through PageCards: the page script reads both for the
 * stories of the cards it prefetched (one Redis), so only a story met further down costs two more round trips.
 */
export class PageStories {
  private readonly members = new Map<string, StoryMember[]>();
  /**
   * Whether story members were read beyond what the page script read (then the page is not named by its versions
   * alone; member cards read beyond it show in PageCards.fetchedMore).
   */
  used = false;

  constructor(
    private readonly stories: StoryMembersService,
    private readonly cards: PageCards,
    private readonly isShown: (card: CachedCard, articleId: number) => boolean,
    /**
     * `than`: only whether the rank comes before this one matters; a rank that cannot may be answered as AFTER_ALL
     * (so the window's keys are worked out only for a member that may come first).
     */
    private readonly rankOf: (articleId: number, card: CachedCard, than?: ServeRank) => ServeRank,
    /** The stories' members the page script read with the window (FeedStore.readPage), null when not cached. */
    private readonly read?: ReadonlyMap<string, number[] | null>,
  ) {}

  /** Loads the stories of these cards that are not loaded yet. */
  async load(cards: Iterable<CachedCard>): Promise<void> {
    const keys = new Set<string>();
    for (const card of cards) if (card.storyKey && !this.members.has(card.storyKey)) keys.add(card.storyKey);
    if (!keys.size) return;
    for (const key of keys) if (!this.read?.get(key)) this.used = true;
    const visible = await visibleStoryMembers(this.stories, this.cards, this.isShown, [...keys], this.read);
    for (const key of keys) this.members.set(key, visible.get(key) ?? []);
  }

  /**
   * Whether the article (already judged shown) is its story's item: true for an article without a story. `at`: its
   * rank when the caller knows it (a window entry's key), so it is not looked up.
   */
  leads(articleId: number, card: CachedCard, at?: ServeRank): boolean {
    if (!card.storyKey) return true;
    const mine = at ?? this.rankOf(articleId, card);
    return !this.of(card.storyKey, articleId, card).some(
      (m) => m.articleId !== articleId && compareRank(this.rankOf(m.articleId, m.card, mine), mine) < 0,
    );
  }

  /** The item's story: how many of its articles the reader may see, and up to three others, newest first. */
  storyOf(articleId: number, card: CachedCard): ItemStory | null {
    if (!card.storyKey) return null;
    const members = this.of(card.storyKey, articleId, card);
    const related = members
      .filter((m) => m.articleId !== articleId)
      .sort((a, b) => b.card.publishedAtMs - a.card.publishedAtMs || b.articleId - a.articleId)
      .slice(0, MAX_RELATED)
      .map((m) => m.card);
    return { key: card.storyKey, count: members.length, related };
  }

  /** The story's visible members, the article itself included even when the members cache has not caught up. */
  private of(key: string, articleId: number, card: CachedCard): StoryMember[] {
    const members = this.members.get(key) ?? [];
    return members.some((m) => m.articleId === articleId) ? members : [...members, { articleId, card }];
  }
}
