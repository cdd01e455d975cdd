import type { CachedCard } from '../articles/card-cache.service';

/** An entry found for a page, with its card. */
export interface PageEntry {
  id: number;
  card: CachedCard;
  /** Where it was found: the re-ranked top (index after it), the Redis window's order, or Postgres past its end. */
  at: { kind: 'top'; i: number } | { kind: 'window'; key: number; articleId: number } | { kind: 'past'; t: number; articleId: number };
}
