import { Injectable } from '@nestjs/common';
import type { CachedCard } from '../articles/card-cache.service';
import { StoryMembersService } from '../articles/story-members.service';
import { isEntityId } from '../infra/http/entity-id';
import { FeedMode, Keyed, sortKey } from '../ranking/feed-score';
import { RankingParameters } from '../ranking/ranking-parameters';
import type { ReaderState } from '../reader-state/reader-state';
import { ReaderStateService } from '../reader-state/reader-state.service';
import type { User } from '../users/user.entity';
import { FeedCursor, formatFeedCursor, parseFeedCursor } from './feed-cursor';
import { FeedItem, feedItemJson, toFeedItem } from './feed-item';
import { latestKeyOf } from './feed-record';
import type { TopicGraph } from './feed-source.service';
import { CardPrefetch, FeedStore } from './feed-store';
import type { CachedTop } from './kept-top';
import type { PageEntry } from './page-entry';
import { AFTER_ALL, PageStories, ServeRank, visibleStoryMembers } from './page-stories';
import { PastWindowReader } from './past-window-reader';
import { RankedSnapshots } from './ranked-snapshots';
import { RankedTopService, type TopWindow } from './ranked-top.service';
import type { PageQuery, PageReader, ReadContext } from './read-context';
import { ReadContextService } from './read-context.service';
import { isShown } from './reader-visibility';
import { mayComeFirstInLatest, WindowPages } from './window-pages';

export type { FeedItem } from './feed-item';

/** A window entry the reader may see, with its card. */
export interface VisibleEntry {
  articleId: number;
  publishedAtMs: number;
  storyKey: string | null;
  card: CachedCard;
}

export interface VisibleWindow {
  entries: VisibleEntry[];
  follows: ReadonlySet<string>;
  storyMembers: (storyKeys: string[]) => Promise<VisibleEntry[]>;
}

export interface FeedPage {
  items: FeedItem[];
  nextCursor: string | null;
  state: 'ready' | 'rebuilding';
}

interface BuiltPage {
  found: PageEntry[];
  stories: PageStories;
  nextCursor: string | null;
  graph: TopicGraph;
  /** Set when the page was made from the page script's answer alone: its ETag, known before a page is built. */
  versionTag?: string;
}

/**
 * The read path: window from Redis (rebuilt from Postgres when missing or cold), cards, filters.
 * Ranked mode re-ranks the top of the window with the reader's fresh signals (docs/ranking.md).
 * This builds the page; the read itself is ReadContextService's, and its entries come from RankedTopService,
 * WindowPages and PastWindowReader in the scroll's order.
 */
@Injectable()
export class FeedService {
  constructor(
    private readonly readContexts: ReadContextService,
    private readonly rankedTop: RankedTopService,
    private readonly windowPages: WindowPages,
    private readonly pastWindow: PastWindowReader,
    private readonly store: FeedStore,
    private readonly storyMembers: StoryMembersService,
    private readonly snapshots: RankedSnapshots,
    private readonly readerStates: ReaderStateService,
    private readonly params: RankingParameters,
  ) {}

  /** A page as objects (live-update backlog). `state`: the reader state the guard already read, if any. */
  async page(user: User, query: { mode: FeedMode; limit: number; cursor?: string }, state?: ReaderState): Promise<FeedPage> {
    const built = await this.build({ userId: user.id, state }, query);
    const items = built.found.map((f) => toFeedItem(f.card, built.graph.follows, built.stories.storyOf(f.id, f.card)));
    return { items, nextCursor: built.nextCursor, state: 'ready' };
  }

  /**
   * The same page as JSON text, each card spliced in as stored. `isKnown` answers whether the client already
   * holds a version (If-None-Match): asked before the page is built, and then nothing is built.
   */
  async pageJson(
    reader: PageReader,
    query: PageQuery,
    isKnown?: (etag: string) => boolean,
  ): Promise<{ notModified: true } | { notModified: false; json: string; nextCursor: string | null; etag?: string }> {
    const built = await this.build(reader, query, isKnown);
    if (!built) return { notModified: true };
    const items = built.found.map((f) => feedItemJson(f.card, built.graph.follows, built.stories.storyOf(f.id, f.card))).join(',');
    const json = `{"items":[${items}],"nextCursor":${JSON.stringify(built.nextCursor)},"state":"ready"}`;
    return { notModified: false, json, nextCursor: built.nextCursor, etag: built.versionTag };
  }

  private async build(reader: PageReader, query: PageQuery): Promise<BuiltPage>;
  private async build(reader: PageReader, query: PageQuery, isKnown: ((etag: string) => boolean) | undefined): Promise<BuiltPage | null>;
  private async build(reader: PageReader, query: PageQuery, isKnown?: (etag: string) => boolean): Promise<BuiltPage | null> {
    // A token names an account id; anything else is answered as an account that does not exist.
    if (reader.admit && !reader.state && !isEntityId(reader.userId)) reader.admit(await this.readerStates.get(reader.userId));
    let cursor: FeedCursor | undefined;
    try {
      cursor = parseFeedCursor(query.cursor, query.mode);
    } catch (error) {
      // A bad cursor is answered only to a login that still stands.
      if (reader.admit && !reader.state) reader.admit(await this.readerStates.get(reader.userId));
      throw error;
    }
    const ranked = query.mode === 'ranked';
    const need = query.limit + 1;
    const prefetch: CardPrefetch = ranked
      ? !cursor
        ? { kind: 'top', start: 0, count: need }
        : cursor.kind === 'top'
          ? { kind: 'top', start: cursor.i, count: need }
          : { kind: 'none' }
      : cursor?.kind === 'past'
        ? { kind: 'none' }
        : { kind: 'tail', before: cursor && { t: cursor.k, id: cursor.id }, count: need };
    const cachedTopFor = (top: CachedTop | null) => (top && cursor?.kind === 'top' && top.n === cursor.n ? top.ids : null);
    const read = await this.readContexts.read(reader, ranked, prefetch, cursor?.kind === 'top' ? cursor.n : undefined, cachedTopFor, query);
    if (read.versionTag && isKnown?.(read.versionTag)) return null;
    const { ctx, extra: frozenIds } = read;
    const window = read.window;
    const graph = ctx.graph;

    let found: PageEntry[] = [];
    let top: TopWindow | undefined;
    let topIndex: Map<number, number> | undefined;
    let windowKeys: Map<number, number | null> | undefined;
    // The scroll's order (page-stories.ts): the ranked top, then the window, then Postgres past it.
    const rankOf = (id: number, card: CachedCard, than?: ServeRank): ServeRank => {
      if (top) {
        topIndex ??= new Map(top.ids.map((topId, i) => [topId, i]));
        const i = topIndex.get(id);
        if (i !== undefined) return [0, i, 0];
      }
      // A lead in the ranked top is compared with the top alone: the window's order is not worked out for it.
      if (than && than[0] < 1) return AFTER_ALL;
      if (than && !ranked && !mayComeFirstInLatest(card, id, than)) return AFTER_ALL;
      // Keys only: the order itself is not needed to compare two ranks. Latest: looked up one by one in the packed
      // window, as only a member newer than a lead is ranked (few, and among the newest records).
      windowKeys ??=
        !ranked && read.raw ? new Map() : new Map(window().map((r) => [r.articleId, sortKey(r, query.mode, this.params.ranking)]));
      if (!ranked && read.raw && !windowKeys.has(id)) windowKeys.set(id, latestKeyOf(read.raw, id) ?? null);
      const key = windowKeys.get(id);
      return key !== undefined && key !== null ? [1, -key, -id] : [2, -card.publishedAtMs, -id];
    };
    const stories = new PageStories(this.storyMembers, ctx.cards, (card, id) => isShown(card, id, ctx), rankOf, read.stories);
    ctx.stories = stories;
    if (cursor?.kind === 'past') {
      read.versionable = false;
      found = await this.pastWindow.fromPostgres(ctx, { t: cursor.t, id: cursor.id }, need, new Set());
    } else {
      let position: Keyed | undefined = cursor && { key: cursor.k, articleId: cursor.id };
      if (ranked && cursor?.kind !== 'window') {
        top = await this.rankedTop.topWindow(ctx, window, cursor, frozenIds, read);
        found = await this.rankedTop.fromTop(ctx, top, cursor?.kind === 'top' ? cursor.i : 0, need);
        position = top.boundary;
      }
      if (found.length < need && !(top && !top.boundary)) {
        const first = query.mode === 'latest' ? Math.max(need, read.tail) : need;
        found.push(...(await this.windowPages.fromWindow(ctx, window, read.raw, query.mode, position, need - found.length, first)));
      }
      if (found.length < need && window().length >= this.store.maxItems) {
        read.versionable = false;
        found.push(...(await this.pastWindow.belowWindow(ctx, window(), need - found.length)));
      }
    }

    // The page's entries in order, each judged by isShown: where a grouping step over the page would go.
    const items = found.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor = found.length === need ? formatFeedCursor(await this.cursorAt(ctx, last, query.mode, top)) : null;
    const versionTag = read.versionable && !ctx.cards.fetchedMore && !stories.used ? read.versionTag : undefined;
    return { found: items, stories, nextCursor, graph, versionTag };
  }

  /** Feed items published after `since` (within the Redis window): a story with new articles counts once. */
  async newCount(user: User, since: Date, state?: ReaderState): Promise<number> {
    const { window, ctx } = await this.readContexts.read({ userId: user.id, state }, false, { kind: 'none' }, undefined, () => null);
    const sinceSec = Math.floor(since.getTime() / 1000);
    const candidates = window()
      .filter((r) => r.publishedAtSec >= sinceSec)
      .map((r) => String(r.articleId));
    const cards = await ctx.cards.getMany(candidates);
    const items = new Set<string>();
    for (const id of candidates) {
      const card = cards.get(id);
      if (card && isShown(card, Number(id), ctx) && card.publishedAtMs > since.getTime())
        items.add(card.storyKey ? `s:${card.storyKey}` : id);
    }
    return items.size;
  }

  /**
   * Every entry of the reader's window they may see now (the rule, hides, muted words), oldest first, with its
   * card: what catch-up and unread counts are made from. `storyMembers` gives the visible members of some stories,
   * within the window or past it, judged the same way (for a story item's `count` and `related`).
   */
  async visibleWindow(user: User, state?: ReaderState): Promise<VisibleWindow> {
    const { window, ctx } = await this.readContexts.read({ userId: user.id, state }, false, { kind: 'none' }, undefined, () => null);
    const records = window();
    const cards = await ctx.cards.getMany(records.map((r) => String(r.articleId)));
    const entries: VisibleEntry[] = [];
    for (const r of records) {
      const card = cards.get(String(r.articleId));
      if (card && isShown(card, r.articleId, ctx))
        entries.push({ articleId: r.articleId, publishedAtMs: card.publishedAtMs, storyKey: card.storyKey, card });
    }
    entries.sort((a, b) => a.publishedAtMs - b.publishedAtMs || a.articleId - b.articleId);
    const storyMembers = async (keys: string[]): Promise<VisibleEntry[]> => {
      const members = await visibleStoryMembers(this.storyMembers, ctx.cards, (card, id) => isShown(card, id, ctx), keys);
      return [...members.values()]
        .flat()
        .map(({ articleId, card }) => ({ articleId, publishedAtMs: card.publishedAtMs, storyKey: card.storyKey, card }));
    };
    return { entries, follows: ctx.graph.follows, storyMembers };
  }

  private async cursorAt(ctx: ReadContext, found: PageEntry, mode: FeedMode, top: TopWindow | undefined): Promise<FeedCursor> {
    if (found.at.kind === 'top') {
      const boundary = top!.boundary!;
      if (found.at.i >= top!.ids.length) return { m: mode, kind: 'window', k: boundary.key, id: boundary.articleId };
      const n = top!.snapshotId ?? (await this.snapshots.save(ctx.userId, top!.ids));
      return { m: 'ranked', kind: 'top', n, i: found.at.i, k: boundary.key, id: boundary.articleId };
    }
    return found.at.kind === 'window'
      ? { m: mode, kind: 'window', k: found.at.key, id: found.at.articleId }
      : { m: mode, kind: 'past', t: found.at.t, id: found.at.articleId };
  }
}
