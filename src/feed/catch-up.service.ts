import { Injectable } from '@nestjs/common';
import { Clock } from '../infra/clock/clock';
import { decodeCursor, encodeCursor } from '../infra/http/paging';
import type { ReaderState } from '../reader-state/reader-state';
import { ReaderStateService } from '../reader-state/reader-state.service';
import type { User } from '../users/user.entity';
import { feedItemJson } from './feed-item';
import { FeedService, VisibleEntry, VisibleWindow } from './feed.service';
import { groupStories, GroupedItem } from './story-groups';

/** unreadCount's cap: "1,000 or more". */
export const UNREAD_CAP = 1000;
/** Without a marker, catch-up and unreadCount cover this much of the past. */
export const NO_MARKER_SPAN_MS = 24 * 3600_000;

/** A (publishedAt ms, article id) position. */
type Position = [t: number, id: number];

/** `f`: the bound the scroll started from (the marker then, or 24 hours back), `a`: the last item served. */
interface CatchUpCursor {
  f: Position;
  a: Position;
}

const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= 8.64e15);
const isCatchUpCursor = (v: unknown): v is CatchUpCursor =>
  typeof v === 'object' &&
  v !== null &&
  Object.keys(v).length === 2 &&
  isPosition((v as CatchUpCursor).f) &&
  isPosition((v as CatchUpCursor).a);

const after = (e: { publishedAtMs: number; articleId: number }, [t, id]: Position) =>
  e.publishedAtMs > t || (e.publishedAtMs === t && e.articleId > id);

/**
 * Catch-up (docs/feed.md, "Markers"): the feed items published after the reader's marker, oldest first, stories
 * grouped: a story's item sits where its oldest unread article would, led by its newest. Made from the reader's
 * window; the marker comes with the reader state, so a warm catch-up reads no Postgres.
 */
@Injectable()
export class CatchUpService {
  constructor(
    private readonly feed: FeedService,
    private readonly readerStates: ReaderStateService,
    private readonly clock: Clock,
  ) {}

  async pageJson(
    user: User,
    query: { limit: number; cursor?: string },
    given?: ReaderState,
  ): Promise<{ json: string; nextCursor: string | null }> {
    const cursor = decodeCursor(query.cursor, isCatchUpCursor);
    const state = given ?? (await this.readerStates.get(user.id));
    const from = cursor?.f ?? this.startOf(state);
    const window = await this.feed.visibleWindow(user, state);
    const items = this.items(window, from);
    const rest = cursor ? items.filter((i) => after(i.at, cursor.a)) : items;
    const page = await this.withWholeStories(window, rest.slice(0, query.limit));
    const last = page[page.length - 1];
    const nextCursor = rest.length > query.limit ? encodeCursor({ f: from, a: [last.at.publishedAtMs, last.at.articleId] }) : null;
    const json = page
      .map((i) => feedItemJson(i.lead.card, window.follows, i.story && { ...i.story, related: i.story.related.map((r) => r.card) }))
      .join(',');
    return { json: `{"items":[${json}],"nextCursor":${JSON.stringify(nextCursor)}}`, nextCursor };
  }

  /** Feed items after the marker (stories once), capped at UNREAD_CAP. */
  async unreadCount(user: User, state: ReaderState): Promise<number> {
    const items = this.items(await this.feed.visibleWindow(user, state), this.startOf(state));
    return Math.min(items.length, UNREAD_CAP);
  }

  private startOf(state: ReaderState): Position {
    return state.marker ? [state.marker.publishedAtMs, state.marker.articleId] : [this.clock.nowMs() - NO_MARKER_SPAN_MS, 0];
  }

  /** Unread items, grouped over the window: where each item sits and which stories there are. */
  private items({ entries }: VisibleWindow, from: Position): GroupedItem<VisibleEntry>[] {
    return groupStories(
      entries.filter((e) => after(e, from)),
      'newest',
      entries,
    );
  }

  /**
   * The page's story items made again over all of their stories' visible articles, past the window too (the story
   * members cache): `count`, `related` and the lead as the feed gives them. Only the page's stories are read.
   */
  private async withWholeStories(window: VisibleWindow, page: GroupedItem<VisibleEntry>[]): Promise<GroupedItem<VisibleEntry>[]> {
    const keys = page.flatMap((i) => (i.story ? [i.story.key] : []));
    if (!keys.length) return page;
    const members = await window.storyMembers(keys);
    return groupStories(
      page.map((i) => i.at),
      'newest',
      [...window.entries, ...members],
    );
  }
}
