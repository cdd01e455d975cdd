import { Injectable } from '@nestjs/common';
import { ReaderSignalsService } from '../signals/reader-signals.service';
import type { FeedRecord } from './feed-record';
import { FeedSourceService } from './feed-source.service';
import type { PageEntry } from './page-entry';
import type { ReadContext } from './read-context';
import { isShown } from './reader-visibility';

/** A page's entries past the end of a full Redis window: the reader's articles from Postgres, newest first. */
@Injectable()
export class PastWindowReader {
  constructor(
    private readonly source: FeedSourceService,
    private readonly signals: ReaderSignalsService,
  ) {}

  /** Continues below the oldest entry of a full window, from Postgres. */
  belowWindow(ctx: ReadContext, window: FeedRecord[], need: number): Promise<PageEntry[]> {
    const oldestSec = Math.min(...window.map((r) => r.publishedAtSec));
    // Records keep whole seconds; start at the end of that second and drop what the window holds.
    const inWindow = new Set(window.map((r) => String(r.articleId)));
    return this.fromPostgres(ctx, { t: (oldestSec + 1) * 1000, id: 0 }, need, inWindow);
  }

  async fromPostgres(ctx: ReadContext, before: { t: number; id: number }, need: number, skip: Set<string>): Promise<PageEntry[]> {
    const found: PageEntry[] = [];
    let position = { publishedAt: new Date(before.t), id: String(before.id || 0) };
    for (;;) {
      const asked = need - found.length + skip.size;
      const refs = await this.source.recentArticles(ctx.graph.follows, ctx.graph.mutes, asked, position);
      const wanted = refs.filter((r) => !skip.has(r.id));
      const hidden = await this.signals.hiddenAmong(
        ctx.userId,
        wanted.map((r) => r.id),
      );
      const cards = await ctx.cards.getMany(wanted.filter((r) => !hidden.has(r.id)).map((r) => r.id));
      await ctx.stories!.load(cards.values());
      for (const ref of wanted) {
        const card = cards.get(ref.id);
        const id = Number(ref.id);
        if (!card || hidden.has(ref.id) || !isShown(card, id, ctx) || !ctx.stories!.leads(id, card)) continue;
        found.push({ id, card, at: { kind: 'past', t: ref.publishedAt.getTime(), articleId: id } });
        if (found.length === need) return found;
      }
      // Hidden, muted and non-lead story articles are only known after the read: read on while there is more.
      if (refs.length < asked) return found;
      const last = refs[refs.length - 1];
      position = { publishedAt: last.publishedAt, id: last.id };
    }
  }
}
