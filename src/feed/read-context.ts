import type { FeedMode } from '../ranking/feed-score';
import type { ReaderState } from '../reader-state/reader-state';
import type { FeedSignals } from '../signals/reader-signals.service';
import type { FeedRecord } from './feed-record';
import type { TopicGraph } from './feed-source.service';
import type { CachedTop, GrownTop } from './kept-top';
import type { PageCards } from './page-cards';
import type { PageStories } from './page-stories';

export type PageQuery = { mode: FeedMode; limit: number; cursor?: string };

/**
 * Whose feed is read. `state`: the reader state the guard already read. Without it the state comes from the page
 * script's own round trip, and `admit` (the login check, auth/login-check.service.ts) is applied to it before
 * anything else is done or answered.
 */
export interface PageReader {
  userId: string;
  state?: ReaderState;
  admit?: (state: ReaderState) => void;
}

export interface ReadContext {
  userId: string;
  graph: TopicGraph;
  /** The reader's muted phrases in force now. */
  mutedWords: string[];
  signals: FeedSignals;
  now: number;
  cards: PageCards;
  /** Set by a page build: the stories of the page (page-stories.ts). */
  stories?: PageStories;
  /** The reader state this read holds (what reader-specific filters, e.g. muted words, read from). */
  state: ReaderState;
}

export interface ReadResult {
  /** Decoded on first use: a page served from the cached ranked top never needs it. */
  window: () => FeedRecord[];
  /** The packed window as Redis answered it (null when rebuilt): a latest page reads its entries from it directly. */
  raw: Buffer | null;
  /** How many of the newest arrivals the page script read the cards of (a latest page's first slice). */
  tail: number;
  /** The prefetched cards' stories, as the page script read them (FeedStore.readPage). */
  stories: ReadonlyMap<string, number[] | null>;
  ctx: ReadContext;
  extra: number[] | null;
  /** The window's sha1 and the cached ranked top made from it and this reader state, if any. */
  digest: string;
  top: CachedTop | null;
  /** Else, a top of this reader state kept from a window this one only appended to. */
  grown: GrownTop | null;
  state: ReaderState;
  /**
   * A warm read's versions (reader, state, window, query, prefetched cards): the same versions always give
   * the same page, so they name it while `versionable` stays true (nothing read beyond them, nothing computed).
   */
  versionTag?: string;
  versionable: boolean;
}
