import type { FeedRecord } from './feed-record';

export type FeedMode = 'ranked' | 'latest';

export interface RankingParams {
  /** Seconds for an article's weight to fall by a factor e. */
  tauSeconds: number;
  breakingBoost: number;
}

/**
 * The ranked score lives in log space: score = t/tau + ln(weight). Ordering by it equals
 * ordering by weight * e^(-(now - t)/tau) at any `now`, so stored scores never go stale.
 */
export function rankedScore(record: FeedRecord, params: RankingParams): number {
  return record.publishedAtSec / params.tauSeconds + record.lnWeight;
}

/** ln(weight) written with an entry at fan-out time. */
export function writeWeight(priority: 'normal' | 'breaking', params: RankingParams): number {
  return priority === 'breaking' ? Math.log(params.breakingBoost) : 0;
}

/** The sort key of a record in a mode: higher comes first, ties broken by higher article id. */
export function sortKey(record: FeedRecord, mode: FeedMode, params: RankingParams): number {
  return mode === 'latest' ? record.publishedAtSec : rankedScore(record, params);
}

export interface Keyed {
  key: number;
  articleId: number;
}

export const compareKeyed = (a: Keyed, b: Keyed) => b.key - a.key || b.articleId - a.articleId;

/** True when `item` comes strictly after the cursor position in the order. */
export const isAfter = (item: Keyed, cursor: Keyed) => compareKeyed(cursor, item) < 0;

export function orderFeed(records: FeedRecord[], mode: FeedMode, params: RankingParams): (Keyed & FeedRecord)[] {
  return records.map((r) => ({ ...r, key: sortKey(r, mode, params) })).sort(compareKeyed);
}
