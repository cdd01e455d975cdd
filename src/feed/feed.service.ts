import { Injectable } from '@nestjs/common';
import { CardCacheService, type CachedCard, type CardHead } from '../articles/card-cache.service';
import { isInFeed } from '../feed-rules/feed-rule';
import { FeedMode, isAfter, Keyed, orderFeed } from '../ranking/feed-score';
import { RankingParameters } from '../ranking/ranking-parameters';
import { rerankWindow } from '../ranking/rerank';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/app-config';
import { FeedSignals, ReaderSignalsService } from '../signals/reader-signals.service';
import type { User } from '../users/user.entity';
import { FeedCursor, formatFeedCursor, parseFeedCursor } from './feed-cursor';
import type { FeedRecord } from './feed-record';
import { FeedSourceService, TopicGraph } from './feed-source.service';
import { FeedStore } from './feed-store';
import { FeedWriterService } from './feed-writer.service';
import { RankedSnapshots } from './ranked-snapshots';

export interface FeedItem {
  article: Record<string, unknown>;
  reasons: { type: 'topic'; topic: { slug: string; name: string } }[];
  /** The running story of the item: null until stories are grouped. */
  story: null;
}

export interface FeedPage {
  items: FeedItem[];
  nextCursor: string | null;
  state: 'ready' | 'rebuilding';
}

interface Found {
  card: CachedCard;
  /** Where it was found: the re-ranked top (index after it), the Redis window's order, or Postgres past its end. */
  at: { kind: 'top'; i: number } | { kind: 'window'; key: number; articleId: number } | { kind: 'past'; t: number; articleId: number };
}

/** The re-ranked top of a ranked feed: the order to serve, and the lowest stored position it covers. */
interface TopWindow {
  ids: number[];
  /** Undefined only for an empty window. Everything after it in stored order is outside the top. */
  boundary?: Keyed;
  snapshotId?: string;
}

interface ReadContext {
  userId: string;
  graph: TopicGraph;
  signals: FeedSignals;
  now: number;
}

// A reader counts as active again, for fan-out, when last seen longer ago than this.
const ACTIVITY_RESOLUTION_MS = 3600_000;

/**
 * The read path: window from Redis (rebuilt from Postgres when missing or cold), cards, filters.
 * Ranked mode re-ranks the top of the window with the reader's fresh signals (docs/ranking.md).
 */
@Injectable()
export class FeedService {
  constructor(
    private readonly store: FeedStore,
    private readonly source: FeedSourceService,
    private readonly cards: CardCacheService,
    private readonly signals: ReaderSignalsService,
    private readonly snapshots: RankedSnapshots,
    private readonly writer: FeedWriterService,
    private readonly config: AppConfig,
    private readonly params: RankingParameters,
    private readonly clock: Clock,
  ) {}

  async page(user: User, query: { mode: FeedMode; limit: number; cursor?: string }): Promise<FeedPage> {
    const cursor = parseFeedCursor(query.cursor, query.mode);
    const ranked = query.mode === 'ranked';
    const frozen = cursor?.kind === 'top' ? this.snapshots.load(user.id, cursor.n) : Promise.resolve(null);
    const { window, ctx, extra: frozenIds } = await this.readContext(user, ranked, frozen);
    const graph = ctx.graph;
    const need = query.limit + 1;

    let found: Found[] = [];
    let top: TopWindow | undefined;
    if (cursor?.kind === 'past') {
      found = await this.fromPostgres(ctx, { t: cursor.t, id: cursor.id }, need, new Set());
    } else {
      let position: Keyed | undefined = cursor && { key: cursor.k, articleId: cursor.id };
      if (ranked && cursor?.kind !== 'window') {
        top = await this.topWindow(ctx, window, cursor, frozenIds);
        found = await this.fromTop(ctx, top, cursor?.kind === 'top' ? cursor.i : 0, need);
        position = top.boundary;
      }
      if (found.length < need && !(top && !top.boundary)) {
        found.push(...(await this.fromWindow(ctx, window, query.mode, position, need - found.length)));
      }
      if (found.length < need && window.length >= this.store.maxItems) {
        found.push(...(await this.pastWindow(ctx, window, need - found.length)));
      }
    }

    const items = found.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor = found.length === need ? formatFeedCursor(await this.cursorAt(ctx, last, query.mode, top)) : null;
    return { items: items.map((f) => this.toItem(f.card, graph)), nextCursor, state: 'ready' };
  }

  /** Feed articles published after `since` (within the Redis window). */
  async newCount(user: User, since: Date): Promise<number> {
    const { window, ctx } = await this.readContext(user, false, Promise.resolve(null));
    const sinceSec = Math.floor(since.getTime() / 1000);
    const candidates = window.filter((r) => r.publishedAtSec >= sinceSec).map((r) => String(r.articleId));
    const cards = await this.cards.getMany(candidates);
    return candidates.filter((id) => {
      const card = cards.get(id);
      return (
        card && !ctx.signals.hidden.has(Number(id)) && this.isVisible(card, ctx.graph, ctx.now) && card.publishedAtMs > since.getTime()
      );
    }).length;
  }

  /**
   * The reader's window and what the read filters and ranks by. A warm window takes one Postgres query for
   * follows, mutes and signals; a missing or cold one is rebuilt first. `extraIds` (a frozen ranked order)
   * are asked about too.
   */
  private async readContext(
    user: User,
    ranked: boolean,
    extraIds: Promise<number[] | null>,
  ): Promise<{ window: FeedRecord[]; ctx: ReadContext; extra: number[] | null }> {
    const [stored, extra] = await Promise.all([this.storedWindow(user), extraIds]);
    if (stored) {
      const asked = [...stored.map((r) => r.articleId), ...(extra ?? [])];
      const { graph, signals } = await this.signals.forFeedWithGraph(user.id, asked, ranked);
      return { window: stored, ctx: { userId: user.id, graph, signals, now: this.clock.nowMs() }, extra };
    }
    const graph = await this.source.topicGraph(user.id);
    const window = await this.rebuiltWindow(user.id, graph);
    const asked = [...window.map((r) => r.articleId), ...(extra ?? [])];
    const signals = await this.signals.forFeed(user.id, asked, ranked);
    return { window, ctx: { userId: user.id, graph, signals, now: this.clock.nowMs() }, extra };
  }

  /** The reader's window as stored; null when missing or cold (fan-out skipped them): then it is rebuilt. */
  private async storedWindow(user: User): Promise<FeedRecord[] | null> {
    const lastSeen = user.lastActiveAt.getTime();
    const now = this.clock.nowMs();
    const cold = lastSeen < now - this.config.ACTIVE_DAYS * 86_400_000;
    const stored = cold ? null : await this.store.read(user.id);
    if (stored && lastSeen < now - ACTIVITY_RESOLUTION_MS) await this.source.markActive(user.id);
    return stored;
  }

  private async rebuiltWindow(userId: string, graph: TopicGraph): Promise<FeedRecord[]> {
    // Marked active first, so fan-outs planned from now on include this reader.
    await this.source.markActive(userId);
    await this.writer.rebuild(userId, graph);
    return (await this.store.read(userId)) ?? [];
  }

  /**
   * The top of a ranked feed: the best RANK_RERANK_WINDOW shown entries by stored score, re-ranked
   * with fresh signals. A later page reads the order frozen by its first page; when that has expired,
   * the same stretch of the window (down to the cursor's boundary) is re-ranked afresh.
   */
  private async topWindow(
    ctx: ReadContext,
    window: FeedRecord[],
    cursor: Extract<FeedCursor, { kind: 'top' }> | undefined,
    frozen: number[] | null,
  ): Promise<TopWindow> {
    const ordered = orderFeed(window, 'ranked', this.params.ranking);
    if (!cursor) return this.rerankTop(ctx, ordered, this.params.rerank.window);
    const boundary = { key: cursor.k, articleId: cursor.id };
    if (frozen) return { ids: frozen, boundary, snapshotId: cursor.n };
    const fresh = await this.rerankTop(
      ctx,
      ordered.filter((r) => !isAfter(r, boundary)),
      Infinity,
    );
    return { ...fresh, boundary };
  }

  private async rerankTop(ctx: ReadContext, ordered: (Keyed & FeedRecord)[], size: number): Promise<TopWindow> {
    const shown: { record: Keyed & FeedRecord; card: CardHead }[] = [];
    let scanned = 0;
    while (scanned < ordered.length && shown.length < size) {
      const batch = ordered.slice(scanned, scanned + Math.min(size, ordered.length));
      // Heads only: the window is judged on them, and only the page's cards are read in full (fromTop).
      const got = await this.cards.getHeads(batch.map((r) => String(r.articleId)));
      for (const record of batch) {
        scanned++;
        const card = got.get(String(record.articleId));
        if (!card || !this.isShown(card, record.articleId, ctx)) continue;
        shown.push({ record, card });
        if (shown.length === size) break;
      }
    }
    const candidates = shown.map(({ record, card }) => ({
      articleId: record.articleId,
      publishedAtSec: card.publishedAtMs / 1000,
      priority: card.priority,
      topicIds: card.topicIds,
      opened: ctx.signals.opened.has(record.articleId),
    }));
    const reader = { follows: ctx.graph.follows, affinities: ctx.signals.affinities };
    const ids = rerankWindow(candidates, reader, this.params).map((c) => c.articleId);
    const last = ordered[scanned - 1];
    return { ids, boundary: last && { key: last.key, articleId: last.articleId } };
  }

  private async fromTop(ctx: ReadContext, top: TopWindow, start: number, need: number): Promise<Found[]> {
    const found: Found[] = [];
    let i = start;
    while (i < top.ids.length && found.length < need) {
      // The top was judged shown a moment ago, so most reads need one batch of exactly what is missing.
      const batch = top.ids.slice(i, i + need - found.length);
      const got = await this.cards.getMany(batch.map(String));
      for (const id of batch) {
        i++;
        const card = got.get(String(id));
        if (!card || !this.isShown(card, id, ctx)) continue;
        found.push({ card, at: { kind: 'top', i } });
        if (found.length === need) break;
      }
    }
    return found;
  }

  private async fromWindow(
    ctx: ReadContext,
    window: FeedRecord[],
    mode: FeedMode,
    position: Keyed | undefined,
    need: number,
  ): Promise<Found[]> {
    const ordered = orderFeed(window, mode, this.params.ranking);
    let i = position ? ordered.findIndex((r) => isAfter(r, position)) : 0;
    if (i < 0) return [];
    const found: Found[] = [];
    while (i < ordered.length && found.length < need) {
      const batch = ordered.slice(i, i + need * 2);
      i += batch.length;
      const cards = await this.cards.getMany(batch.map((r) => String(r.articleId)));
      for (const r of batch) {
        const card = cards.get(String(r.articleId));
        if (!card || !this.isShown(card, r.articleId, ctx)) continue;
        found.push({ card, at: { kind: 'window', key: r.key, articleId: r.articleId } });
        if (found.length === need) break;
      }
    }
    return found;
  }

  /** Continues below the oldest entry of a full window, from Postgres. */
  private pastWindow(ctx: ReadContext, window: FeedRecord[], need: number): Promise<Found[]> {
    const oldestSec = Math.min(...window.map((r) => r.publishedAtSec));
    // Records keep whole seconds; start at the end of that second and drop what the window holds.
    const inWindow = new Set(window.map((r) => String(r.articleId)));
    return this.fromPostgres(ctx, { t: (oldestSec + 1) * 1000, id: 0 }, need, inWindow);
  }

  private async fromPostgres(ctx: ReadContext, before: { t: number; id: number }, need: number, skip: Set<string>): Promise<Found[]> {
    const found: Found[] = [];
    let position = { publishedAt: new Date(before.t), id: String(before.id || 0) };
    // Hidden articles are only known after the read: read on until enough remain.
    for (;;) {
      const asked = need - found.length + skip.size;
      const refs = await this.source.recentArticles(ctx.graph.follows, ctx.graph.mutes, asked, position);
      const wanted = refs.filter((r) => !skip.has(r.id));
      const hidden = await this.signals.hiddenAmong(
        ctx.userId,
        wanted.map((r) => r.id),
      );
      const cards = await this.cards.getMany(wanted.filter((r) => !hidden.has(r.id)).map((r) => r.id));
      for (const ref of wanted) {
        const card = cards.get(ref.id);
        if (!card || hidden.has(ref.id) || !this.isVisible(card, ctx.graph, ctx.now)) continue;
        found.push({ card, at: { kind: 'past', t: ref.publishedAt.getTime(), articleId: Number(ref.id) } });
        if (found.length === need) return found;
      }
      if (refs.length < asked || !hidden.size) return found;
      const last = refs[refs.length - 1];
      position = { publishedAt: last.publishedAt, id: last.id };
    }
  }

  private async cursorAt(ctx: ReadContext, found: Found, mode: FeedMode, top: TopWindow | undefined): Promise<FeedCursor> {
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

  /** The feed rule plus the reader's own: never an article they hid. */
  private isShown(card: CardHead, articleId: number, ctx: ReadContext): boolean {
    return !ctx.signals.hidden.has(articleId) && this.isVisible(card, ctx.graph, ctx.now);
  }

  /** The feed rule (feed-rules/feed-rule.ts). */
  private isVisible(card: CardHead, graph: TopicGraph, now: number): boolean {
    return isInFeed(card, graph, now);
  }

  private toItem(card: CachedCard, graph: TopicGraph): FeedItem {
    const article = JSON.parse(card.cardJson) as { topics: { slug: string; name: string }[] };
    const reasons = article.topics
      .filter((_, i) => graph.follows.has(card.topicIds[i]))
      .map((topic) => ({ type: 'topic' as const, topic: { slug: topic.slug, name: topic.name } }));
    return { article, reasons, story: null };
  }
}
