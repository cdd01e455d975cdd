import { CardCacheService, type CachedCard, type CardHead } from '../articles/card-cache.service';
import { decodedCard } from '../articles/decoded-cards';

/**
 * The cards of one page read: those the page script already brought with the window, the rest from the
 * card cache (a second round trip only for what was not prefetched). The one place a feed read gets cards,
 * so a cluster's per-slot grouping goes here.
 */
export class PageCards {
  private readonly known = new Map<string, CachedCard>();
  /** Whether a card had to come from outside the prefetch (then the page is not named by the prefetch's versions). */
  fetchedMore = false;

  /** `prefetched`: stored card values the page script read (null when missing), e.g. the page's and its stories' members'. */
  constructor(
    private readonly cards: CardCacheService,
    ...prefetched: Map<number, string | null>[]
  ) {
    for (const values of prefetched)
      for (const [id, value] of values) {
        const card = value === null ? null : decodedCard(id, value);
        if (card) this.known.set(String(id), card);
      }
  }

  async getMany(ids: string[]): Promise<Map<string, CachedCard>> {
    return this.merge(ids, (rest) => this.cards.getMany(rest));
  }

  async getHeads(ids: string[]): Promise<Map<string, CardHead>> {
    return this.merge(ids, (rest) => this.cards.getHeads(rest));
  }

  private async merge<T extends CardHead>(
    ids: string[],
    load: (ids: string[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T | CachedCard>> {
    const found = new Map<string, T | CachedCard>();
    const rest: string[] = [];
    for (const id of ids) {
      const card = this.known.get(id);
      if (card) found.set(id, card);
      else rest.push(id);
    }
    if (!rest.length) return found;
    this.fetchedMore = true;
    for (const [id, card] of await load(rest)) {
      found.set(id, card);
      if ('cardJson' in card) this.known.set(id, card as CachedCard);
    }
    return found;
  }
}
