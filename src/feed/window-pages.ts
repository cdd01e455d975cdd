import { Injectable } from '@nestjs/common';
import type { CachedCard } from '../articles/card-cache.service';
import { FeedMode, isAfter, Keyed, orderFeed } from '../ranking/feed-score';
import { RankingParameters } from '../ranking/ranking-parameters';
import { FeedRecord, newestRecords } from './feed-record';
import type { PageEntry } from './page-entry';
import type { ServeRank } from './page-stories';
import type { ReadContext } from './read-context';
import { isShown } from './reader-visibility';

/** A window entry's place in the scroll's order (page-stories.ts), from the key it is served by. */
const windowRank = (r: Keyed): ServeRank => [1, -r.key, -r.articleId];

/**
 * Latest mode: whether an article could come before `than` in the scroll's order, judged on its card's time alone.
 * Window and Postgres both serve newest first, so an article older than `than` comes after it. The window's record
 * keeps the time the article was fanned out with: the card's agrees, but for the moment between an edit that moves
 * publishedAt and its re-fan-out.
 */
export function mayComeFirstInLatest(card: CachedCard, id: number, [group, a, b]: ServeRank): boolean {
  if (group === 1) {
    const sec = Math.floor(card.publishedAtMs / 1000);
    return sec > -a || (sec === -a && id > -b);
  }
  return card.publishedAtMs > -a || (card.publishedAtMs === -a && id > -b);
}

/** A page's entries from the reader's Redis window, in its stored order (ranked or latest) from a position on. */
@Injectable()
export class WindowPages {
  constructor(private readonly params: RankingParameters) {}

  async fromWindow(
    ctx: ReadContext,
    window: () => FeedRecord[],
    raw: Buffer | null,
    mode: FeedMode,
    position: Keyed | undefined,
    need: number,
    first = need,
  ): Promise<PageEntry[]> {
    if (mode === 'latest' && raw) {
      // The page's entries straight from the packed window (as many as the page script read cards for, which reads
      // on past a story's older articles); the whole order only when hidden, gone or story cards thin them further.
      const newest = newestRecords(raw, position, first);
      const found = await this.fromWindowSlice(ctx, newest, need);
      if (found.length === need || newest.length < first) return found;
      const last = newest[newest.length - 1];
      const rest = await this.fromWindow(ctx, window, null, mode, { key: last.key, articleId: last.articleId }, need - found.length);
      return [...found, ...rest];
    }
    const ordered = orderFeed(window(), mode, this.params.ranking);
    let i = position ? ordered.findIndex((r) => isAfter(r, position)) : 0;
    if (i < 0) return [];
    const start = i;
    const found: PageEntry[] = [];
    while (i < ordered.length && found.length < need) {
      // The first batch is what the page script prefetched (the newest arrivals); later ones read ahead.
      const batch = ordered.slice(i, i + (found.length || i !== start ? need * 2 : need));
      i += batch.length;
      const cards = await ctx.cards.getMany(batch.map((r) => String(r.articleId)));
      await ctx.stories!.load(cards.values());
      for (const r of batch) {
        const card = cards.get(String(r.articleId));
        // Ranked: looked up, as an entry of the kept top ranks there.
        const at = mode === 'latest' ? windowRank(r) : undefined;
        if (!card || !isShown(card, r.articleId, ctx) || !ctx.stories!.leads(r.articleId, card, at)) continue;
        found.push({ id: r.articleId, card, at: { kind: 'window', key: r.key, articleId: r.articleId } });
        if (found.length === need) break;
      }
    }
    return found;
  }

  private async fromWindowSlice(ctx: ReadContext, slice: (Keyed & FeedRecord)[], need: number): Promise<PageEntry[]> {
    const found: PageEntry[] = [];
    const cards = await ctx.cards.getMany(slice.map((r) => String(r.articleId)));
    await ctx.stories!.load(cards.values());
    for (const r of slice) {
      const card = cards.get(String(r.articleId));
      if (!card || !isShown(card, r.articleId, ctx) || !ctx.stories!.leads(r.articleId, card, windowRank(r))) continue;
      found.push({ id: r.articleId, card, at: { kind: 'window', key: r.key, articleId: r.articleId } });
      if (found.length === need) break;
    }
    return found;
  }
}
