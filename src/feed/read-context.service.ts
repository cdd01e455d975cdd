import { Injectable, Logger } from '@nestjs/common';
import { CardCacheService } from '../articles/card-cache.service';
import { cardDigest } from '../articles/decoded-cards';
import { AppConfig } from '../infra/config/app-config';
import { Clock } from '../infra/clock/clock';
import { versionEtag } from '../infra/http/etag';
import { RedisKeys } from '../infra/redis/redis.module';
import { RankingParameters } from '../ranking/ranking-parameters';
import { activeMutedWords, type ReaderState } from '../reader-state/reader-state';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { FeedSignals, ReaderSignalsService } from '../signals/reader-signals.service';
import { FanoutWatermarks } from './fanout-watermarks';
import { FeedKeys } from './feed-keys';
import { decodeRecords, FeedRecord } from './feed-record';
import { FeedSourceService, TopicGraph } from './feed-source.service';
import { CardPrefetch, FeedStore, type StoredPage } from './feed-store';
import { FeedWriterService } from './feed-writer.service';
import type { CachedTop, GrownTop } from './kept-top';
import { PageCards } from './page-cards';
import { RankedSnapshots } from './ranked-snapshots';
import type { PageQuery, PageReader, ReadResult } from './read-context';
import { affinitiesAt } from './reader-affinities';

// A reader counts as active again, for fan-out, when last seen longer ago than this.
const ACTIVITY_RESOLUTION_MS = 3600_000;

/** What every feed read starts from: the reader's state and window, and the signals and cards it is judged by. */
@Injectable()
export class ReadContextService {
  private readonly logger = new Logger(ReadContextService.name);
  private readonly cardKeyPrefix: string;
  private readonly storyKeyPrefix: string;

  constructor(
    private readonly store: FeedStore,
    private readonly source: FeedSourceService,
    private readonly cards: CardCacheService,
    private readonly signals: ReaderSignalsService,
    private readonly snapshots: RankedSnapshots,
    private readonly writer: FeedWriterService,
    private readonly readerStates: ReaderStateService,
    private readonly watermarks: FanoutWatermarks,
    private readonly feedKeys: FeedKeys,
    private readonly config: AppConfig,
    private readonly params: RankingParameters,
    private readonly clock: Clock,
    keys: RedisKeys,
  ) {
    this.cardKeyPrefix = keys.key('card', '');
    // storyMembersKey without its `{<storyKey>}`.
    this.storyKeyPrefix = keys.key('story', '');
  }

  /**
   * The reader's state, window and what the read filters and ranks by: a warm read is one Redis round trip
   * (feed-page.lua: state, window, kept top, the page's cards) and no Postgres. A missing or cold window is rebuilt
   * first. `snapshot` names a frozen ranked order a cursor points into: read from the cached top when it is that one.
   */
  async read(
    reader: PageReader,
    ranked: boolean,
    prefetch: CardPrefetch,
    snapshot: string | undefined,
    cachedTopFor: (top: CachedTop | null) => number[] | null,
    query?: PageQuery,
  ): Promise<ReadResult> {
    const user = { id: reader.userId };
    const bucketChunks = this.watermarks.of(this.feedKeys.bucketOf(user.id));
    const page = await this.store.readPage(user.id, bucketChunks, prefetch, this.cardKeyPrefix, this.storyKeyPrefix);
    const state = reader.state ?? (await this.readerStates.get(user.id, page.reader));
    if (!reader.state) reader.admit?.(state);
    const now = this.clock.nowMs();
    const cold = state.lastActiveAt < now - this.config.ACTIVE_DAYS * 86_400_000;
    const stored = cold ? null : page;
    const graph: TopicGraph = { follows: state.follows, mutes: state.mutes };
    const raw = stored?.window ?? null;
    let window: () => FeedRecord[];
    let top: CachedTop | null = null;
    let grown: GrownTop | null = null;
    if (raw) {
      let decoded: FeedRecord[] | undefined;
      window = () => (decoded ??= decodeRecords(raw));
      // Made from the stored state: kept only when that is the state this read holds.
      const sameState = page.reader.version === state.version;
      const kept = stored!.top && sameState ? (JSON.parse(stored!.top) as CachedTop) : null;
      top = kept && kept.d === stored!.digest ? kept : null;
      const merge = stored!.merge;
      const keptBefore = merge && sameState ? (JSON.parse(merge.top) as CachedTop) : null;
      if (merge && keptBefore?.d === merge.priorDigest) grown = { top: keptBefore, basis: merge.basis, arrivals: merge.arrivals };
      if (state.lastActiveAt < now - ACTIVITY_RESOLUTION_MS) this.markActiveInBackground(user.id);
    } else {
      const rebuilt = await this.rebuiltWindow(user.id, graph);
      window = () => rebuilt;
      // Complete as of now: a gap that grows later (Redis loses writes again) makes it stale again.
      if (stored) await this.store.markRebuilt(user.id, stored.gap);
    }
    // A grown top's ids are still the frozen order its name (content hash) stands for.
    const cachedExtra = cachedTopFor(top ?? grown?.top ?? null);
    const extra = cachedExtra ?? (snapshot ? await this.snapshots.load(user.id, snapshot) : null);
    const asked = () => (extra ? [...window().map((r) => r.articleId), ...extra] : window().map((r) => r.articleId));
    const signals = await this.signalsOf(user.id, state, asked, ranked, now);
    const cards = stored ? new PageCards(this.cards, stored.cards, stored.memberCards) : new PageCards(this.cards);
    const ctx = { userId: user.id, graph, mutedWords: activeMutedWords(state, now), signals, now, cards, state };
    const warm = Boolean(stored?.window);
    const versionable = warm && signals.hidden === state.hidden && (!snapshot || cachedExtra !== null);
    const versionTag = versionable && query ? this.versionTag(user.id, state, ctx.mutedWords, query, stored!) : undefined;
    const tail = prefetch.kind === 'tail' && stored ? stored.cards.size : 0;
    const stories = stored?.stories ?? new Map<string, number[] | null>();
    return {
      window,
      raw,
      tail,
      stories,
      ctx,
      extra,
      digest: stored?.digest ?? '',
      top: warm ? top : null,
      grown: warm ? grown : null,
      state,
      versionTag,
      versionable,
    };
  }

  private versionTag(userId: string, state: ReaderState, mutedWords: string[], query: PageQuery, stored: StoredPage): string {
    // The muted words in force: one expiring changes the page while the state's version stays.
    const parts: (string | number)[] = [
      userId,
      state.version,
      mutedWords.join('\n'),
      stored.digest,
      query.mode,
      query.limit,
      query.cursor ?? '',
    ];
    for (const [id, value] of stored.cards) parts.push(id, value === null ? '' : cardDigest(id, value));
    // A page holding a story is made from its members as the script read them too (page-stories.ts).
    for (const [key, members] of stored.stories) parts.push(key, members ? members.join(',') : '-');
    for (const [id, value] of stored.memberCards) parts.push(id, value === null ? '' : cardDigest(id, value));
    return versionEtag(...parts);
  }

  /**
   * Hides, opens and decayed affinities from the reader state. It keeps the newest hides and opens only:
   * articles asked about below that bound are looked up in Postgres (a reader with hundreds of hides).
   */
  private async signalsOf(userId: string, state: ReaderState, asked: () => number[], ranked: boolean, now: number): Promise<FeedSignals> {
    const affinities = ranked ? affinitiesAt(state, now, this.params.affinity) : new Map<string, number>();
    const signals: FeedSignals = { hidden: state.hidden, opened: ranked ? state.opened : new Set(), affinities };
    const bound = Math.max(state.hiddenFrom, ranked ? state.openedFrom : 0);
    const below = bound ? asked().filter((id) => id < bound) : [];
    if (!below.length) return signals;
    const older = await this.signals.forFeed(userId, below, ranked);
    return {
      hidden: new Set([...state.hidden, ...[...older.hidden].filter((id) => id < state.hiddenFrom)]),
      opened: ranked ? new Set([...state.opened, ...[...older.opened].filter((id) => id < state.openedFrom)]) : signals.opened,
      affinities,
    };
  }

  private markActiveInBackground(userId: string): void {
    this.readerStates
      .changing(userId, () => this.source.markActive(userId))
      .catch((error: Error) => this.logger.warn(`could not mark reader ${userId} active: ${error.message}`));
  }

  private async rebuiltWindow(userId: string, graph: TopicGraph): Promise<FeedRecord[]> {
    // Marked active first, so fan-outs planned from now on include this reader.
    await this.readerStates.changing(userId, () => this.source.markActive(userId));
    await this.writer.rebuild(userId, graph);
    return (await this.store.read(userId)) ?? [];
  }
}
