import type { RankingParams } from './ranking-parameters';

export type FeedMode = 'ranked' | 'latest';

/** A stored feed entry as far as ordering goes (feed/feed-record.ts's FeedRecord is one). */
export interface ScoredEntry {
  articleId: number;
  publishedAtSec: number;
  lnWeight: number;
}

/**
 * The ranked score lives in log space: score = t/tau + ln(weight). Ordering by it equals
 * ordering by weight * e^(-(now - t)/tau) at any `now`, so stored scores never go stale.
 */
export function rankedScore(record: ScoredEntry, params: RankingParams): number {
  return record.publishedAtSec / params.tauSeconds + record.lnWeight;
}

/** ln(weight) written with an entry at fan-out time: the breaking boost plus the reader's affinity term. */
export function writeWeight(priority: 'normal' | 'breaking', params: RankingParams, affinity = 0): number {
  return (priority === 'breaking' ? Math.log(params.breakingBoost) : 0) + affinity;
}

/** The sort key of a record in a mode: higher comes first, ties broken by higher article id. */
export function sortKey(record: ScoredEntry, mode: FeedMode, params: RankingParams): number {
  return mode === 'latest' ? record.publishedAtSec : rankedScore(record, params);
}

export interface Keyed {
  key: number;
  articleId: number;
}

export const compareKeyed = (a: Keyed, b: Keyed) => b.key - a.key || b.articleId - a.articleId;

/** True when `item` comes strictly after the cursor position in the order. */
export const isAfter = (item: Keyed, cursor: Keyed) => compareKeyed(cursor, item) < 0;

export function orderFeed(records: ScoredEntry[], mode: FeedMode, params: RankingParams): (Keyed & ScoredEntry)[] {
  // Fields spelled out: an object spread here made ordering 800 records cost ~2 ms instead of ~0.3.
  return records
    .map((r) => ({ articleId: r.articleId, publishedAtSec: r.publishedAtSec, lnWeight: r.lnWeight, key: sortKey(r, mode, params) }))
    .sort(compareKeyed);
}
