import type { CachedCard, CardHead } from '../articles/card-cache.service';
import { isInFeed, isInReadersView } from '../feed-rules/feed-rule';
import type { ReadContext } from './read-context';

/**
 * The feed rule plus the reader's own: never an article they hid, nor one with a muted word (feed-rules/). A head
 * alone (the ranked re-rank) carries no text: muted words are judged when its card is read for the page.
 */
export function isShown(card: CardHead | CachedCard, articleId: number, ctx: ReadContext): boolean {
  if (ctx.signals.hidden.has(articleId)) return false;
  return 'cardJson' in card ? isInReadersView(card, ctx.graph, ctx.mutedWords, ctx.now) : isInFeed(card, ctx.graph, ctx.now);
}
