import { Injectable } from '@nestjs/common';
import type { CardHead } from '../articles/card-cache.service';
import { isAfter, Keyed, orderFeed, sortKey } from '../ranking/feed-score';
import { RankingParameters } from '../ranking/ranking-parameters';
import { freshScore, type ReaderSignals } from '../ranking/rerank';
import type { FeedCursor } from './feed-cursor';
import { decodeRecords, FeedRecord } from './feed-record';
import { FeedStore } from './feed-store';
import { boundaryOf, CachedTop, GrownTop, mutedWordsName, sameTop, TOP_MERGE_MAX_AGE_MS } from './kept-top';
import type { PageEntry } from './page-entry';
import { RankedSnapshots, snapshotName } from './ranked-snapshots';
import { decodeTopBasis, encodeTopBasis, mergeArrivals, rankTop, type RankedTop, type TopBasis, type TopEntry } from './ranked-top';
import type { ReadContext, ReadResult } from './read-context';
import { affinitiesAt } from './reader-affinities';
import { isShown } from './reader-visibility';

/** The re-ranked top of a ranked feed: the order to serve, and the lowest stored position it covers. */
export interface TopWindow {
  ids: number[];
  /** Undefined only for an empty window. Everything after it in stored order is outside the top. */
  boundary?: Keyed;
  snapshotId?: string;
}

/**
 * The ranked top of a ranked feed: kept beside the reader state, merged with what the window gains, or re-ranked
 * with the reader's fresh signals (docs/ranking.md), and the page's entries read from it.
 */
@Injectable()
export class RankedTopService {
  constructor(
    private readonly store: FeedStore,
    private readonly snapshots: RankedSnapshots,
    private readonly params: RankingParameters,
  ) {}

  /**
   * The top of a ranked feed: the best RANK_RERANK_WINDOW shown entries by stored score, re-ranked
   * with fresh signals. A later page reads the order frozen by its first page; when that has expired,
   * the same stretch of the window (down to the cursor's boundary) is re-ranked afresh.
   */
  async topWindow(
    ctx: ReadContext,
    window: () => FeedRecord[],
    cursor: Extract<FeedCursor, { kind: 'top' }> | undefined,
    frozen: number[] | null,
    read: ReadResult,
  ): Promise<TopWindow> {
    if (cursor) {
      const boundary = { key: cursor.k, articleId: cursor.id };
      if (frozen) return { ids: frozen, boundary, snapshotId: cursor.n };
      read.versionable = false;
      const ordered = orderFeed(window(), 'ranked', this.params.ranking);
      const fresh = await this.rerankTop(
        ctx,
        ordered.filter((r) => !isAfter(r, boundary)),
        Infinity,
      );
      return { ...fresh, boundary };
    }
    const cached = read.top;
    if (cached) return { ids: cached.ids, boundary: boundaryOf(cached), snapshotId: cached.n };
    read.versionable = false;
    const grown = read.grown && this.grownTop(ctx, read.grown);
    const merged = grown && (await this.mergedTop(ctx, grown));
    // Nothing the reader is shown arrived: the kept top still holds, and stays kept for the window it was made from.
    if (merged && sameTop(merged, grown.top)) return { ids: merged.ids, boundary: merged.boundary, snapshotId: grown.top.n };
    const top = merged ?? (await this.rerankTop(ctx, orderFeed(window(), 'ranked', this.params.ranking), this.params.rerank.window));
    // Kept until the reader state changes (merged with what the window gains), with its frozen order for the cursors
    // it hands out.
    const snapshotId = snapshotName(top.ids);
    const writes: Promise<unknown>[] = [this.snapshots.save(ctx.userId, top.ids)];
    if (read.digest && read.raw) {
      const keep: CachedTop = {
        d: read.digest,
        t: read.state.version,
        ids: top.ids,
        b: top.boundary ? [top.boundary.key, top.boundary.articleId] : null,
        n: snapshotId,
        l: read.raw.length,
      };
      const basis = {
        entries: top.entries,
        scoredAt: merged ? grown.basis.scoredAt : ctx.now,
        mutedWords: mutedWordsName(ctx.mutedWords),
      };
      writes.push(this.store.saveTop(ctx.userId, JSON.stringify(keep), encodeTopBasis(basis)));
    }
    await Promise.all(writes);
    return { ...top, snapshotId };
  }

  /** The kept top and its basis, when arrivals may be merged into it: same muted words, scores not too old. */
  private grownTop(ctx: ReadContext, grown: GrownTop): { top: CachedTop; basis: TopBasis; arrivals: Buffer } | null {
    const basis = decodeTopBasis(grown.basis);
    if (!basis || basis.mutedWords !== mutedWordsName(ctx.mutedWords) || ctx.now - basis.scoredAt > TOP_MERGE_MAX_AGE_MS) return null;
    return { top: grown.top, basis, arrivals: grown.arrivals };
  }

  /**
   * The kept top with the window's arrivals merged in (ranked-top.ts): each arrival judged and scored as rerankTop
   * would, its affinities taken at the time the kept entries were scored. Null when it must be re-ranked instead.
   */
  private async mergedTop(ctx: ReadContext, grown: { top: CachedTop; basis: TopBasis; arrivals: Buffer }): Promise<RankedTop | null> {
    const records = decodeRecords(grown.arrivals);
    const ids = records.map((r) => String(r.articleId));
    const cards: Map<string, CardHead> = ctx.mutedWords.length ? await ctx.cards.getMany(ids) : await ctx.cards.getHeads(ids);
    const reader = { follows: ctx.graph.follows, affinities: affinitiesAt(ctx.state, grown.basis.scoredAt, this.params.affinity) };
    const arrivals = records.map((record) => {
      const card = cards.get(String(record.articleId));
      const key = sortKey(record, 'ranked', this.params.ranking);
      const shown = card && isShown(card, record.articleId, ctx);
      return {
        position: { key, articleId: record.articleId },
        entry: shown ? this.topEntry(ctx, record.articleId, key, card, reader) : null,
      };
    });
    const kept: RankedTop = { ids: grown.top.ids, boundary: boundaryOf(grown.top), entries: grown.basis.entries };
    return mergeArrivals(kept, arrivals, this.params.rerank.window, this.params.rerank.maxRun);
  }

  /** A shown entry of the top, scored as the re-rank scores it (rerank.ts freshScore). */
  private topEntry(ctx: ReadContext, articleId: number, key: number, card: CardHead, reader: ReaderSignals): TopEntry {
    const candidate = {
      articleId,
      publishedAtSec: card.publishedAtMs / 1000,
      priority: card.priority,
      topicIds: card.topicIds,
      opened: ctx.signals.opened.has(articleId),
      storyKey: card.storyKey,
    };
    return { articleId, key, score: freshScore(candidate, reader, this.params), primaryTopic: card.topicIds[0], storyKey: card.storyKey };
  }

  private async rerankTop(ctx: ReadContext, ordered: (Keyed & FeedRecord)[], size: number): Promise<RankedTop> {
    const shown: { record: Keyed & FeedRecord; card: CardHead }[] = [];
    let scanned = 0;
    while (scanned < ordered.length && shown.length < size) {
      const batch = ordered.slice(scanned, scanned + Math.min(size, ordered.length));
      // Heads only: the window is judged on them, and only the page's cards are read in full (fromTop).
      // With muted words in force the text decides too, so the cards are read in full.
      const ids = batch.map((r) => String(r.articleId));
      const got: Map<string, CardHead> = ctx.mutedWords.length ? await ctx.cards.getMany(ids) : await ctx.cards.getHeads(ids);
      for (const record of batch) {
        scanned++;
        const card = got.get(String(record.articleId));
        if (!card || !isShown(card, record.articleId, ctx)) continue;
        shown.push({ record, card });
        if (shown.length === size) break;
      }
    }
    const reader = { follows: ctx.graph.follows, affinities: ctx.signals.affinities };
    const entries = shown.map(({ record, card }) => this.topEntry(ctx, record.articleId, record.key, card, reader));
    const last = ordered[scanned - 1];
    return rankTop(entries, last && { key: last.key, articleId: last.articleId }, this.params.rerank.maxRun);
  }

  async fromTop(ctx: ReadContext, top: TopWindow, start: number, need: number): Promise<PageEntry[]> {
    const found: PageEntry[] = [];
    let i = start;
    while (i < top.ids.length && found.length < need) {
      // The top was judged shown a moment ago, so most reads need one batch of exactly what is missing.
      const batch = top.ids.slice(i, i + need - found.length);
      const got = await ctx.cards.getMany(batch.map(String));
      await ctx.stories!.load(got.values());
      for (const id of batch) {
        i++;
        const card = got.get(String(id));
        if (!card || !isShown(card, id, ctx) || !ctx.stories!.leads(id, card)) continue;
        found.push({ id, card, at: { kind: 'top', i } });
        if (found.length === need) break;
      }
    }
    return found;
  }
}
