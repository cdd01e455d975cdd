import type { AppConfig } from '../infra/config/app-config';
import type { FeedRecord } from './feed-record';

export type FeedMode = 'ranked' | 'latest';

export interface RankingParams {
  /** Seconds for an article's weight to fall by a factor e. */
  tauSeconds: number;
  breakingBoost: number;
}

/** How a reader's signals become per-topic affinities (log-space weights, 0 = the follow alone). */
export interface AffinityParams {
  halfLifeSeconds: number;
  cap: number;
  floor: number;
  open: number;
  dwellPerMinute: number;
  dwellMaxMinutes: number;
  save: number;
  share: number;
  lessLikeThis: number;
}

/** The read-time re-rank of the top of a ranked feed. */
export interface RerankParams {
  window: number;
  /** An article the reader already opened loses this factor of weight. */
  openedDemotion: number;
  /** At most this many items in a row share a primary topic while another topic is available. */
  maxRun: number;
}

export interface PersonalRanking {
  ranking: RankingParams;
  affinity: AffinityParams;
  rerank: RerankParams;
}

export function personalRankingFrom(config: AppConfig): PersonalRanking {
  return {
    ranking: { tauSeconds: config.RANK_TAU_SECONDS, breakingBoost: config.RANK_BREAKING_BOOST },
    affinity: {
      halfLifeSeconds: config.RANK_AFFINITY_HALF_LIFE_HOURS * 3600,
      cap: config.RANK_AFFINITY_CAP,
      floor: config.RANK_AFFINITY_FLOOR,
      open: config.RANK_SIGNAL_OPEN,
      dwellPerMinute: config.RANK_SIGNAL_DWELL_PER_MINUTE,
      dwellMaxMinutes: config.RANK_SIGNAL_DWELL_MAX_MINUTES,
      save: config.RANK_SIGNAL_SAVE,
      share: config.RANK_SIGNAL_SHARE,
      lessLikeThis: config.RANK_SIGNAL_LESS_LIKE_THIS,
    },
    rerank: {
      window: config.RANK_RERANK_WINDOW,
      openedDemotion: config.RANK_OPENED_DEMOTION,
      maxRun: config.RANK_DIVERSITY_MAX_RUN,
    },
  };
}

/**
 * The ranked score lives in log space: score = t/tau + ln(weight). Ordering by it equals
 * ordering by weight * e^(-(now - t)/tau) at any `now`, so stored scores never go stale.
 */
export function rankedScore(record: FeedRecord, params: RankingParams): number {
  return record.publishedAtSec / params.tauSeconds + record.lnWeight;
}

/** ln(weight) written with an entry at fan-out time: the breaking boost plus the reader's affinity term. */
export function writeWeight(priority: 'normal' | 'breaking', params: RankingParams, affinity = 0): number {
  return (priority === 'breaking' ? Math.log(params.breakingBoost) : 0) + affinity;
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
  // Fields spelled out: an object spread here made ordering 800 records cost ~2 ms instead of ~0.3.
  return records
    .map((r) => ({ articleId: r.articleId, publishedAtSec: r.publishedAtSec, lnWeight: r.lnWeight, key: sortKey(r, mode, params) }))
    .sort(compareKeyed);
}

// ---- Signals and affinities -------------------------------------------------------------

export type SignalType = 'open' | 'dwell' | 'save' | 'share' | 'hide' | 'less_like_this';

/** What one event adds to each topic of its article (hide removes the article instead: 0 here). */
export function signalWeight(type: SignalType, dwellMs: number | undefined, p: AffinityParams): number {
  switch (type) {
    case 'open':
      return p.open;
    case 'dwell':
      return p.dwellPerMinute * Math.min((dwellMs ?? 0) / 60_000, p.dwellMaxMinutes);
    case 'save':
      return p.save;
    case 'share':
      return p.share;
    case 'less_like_this':
      return p.lessLikeThis;
    case 'hide':
      return 0;
  }
}

/** An affinity halves every half-life towards 0, the prior of a plain follow. */
export function decayAffinity(score: number, sinceMs: number, nowMs: number, p: AffinityParams): number {
  const elapsedSec = Math.max(0, nowMs - sinceMs) / 1000;
  return score * 2 ** (-elapsedSec / p.halfLifeSeconds);
}

export interface StoredAffinity {
  score: number;
  updatedAtMs: number;
}

/**
 * Folds a batch of signals for one topic into its stored affinity, as of `nowMs`: each signal
 * decays from its own time, so late (offline) batches count for what they are worth today.
 * Clamped to [floor, cap] once per batch: no topic can swamp or vanish from the feed.
 */
export function foldAffinity(
  stored: StoredAffinity | undefined,
  signals: { weight: number; atMs: number }[],
  nowMs: number,
  p: AffinityParams,
): number {
  let score = stored ? decayAffinity(stored.score, stored.updatedAtMs, nowMs, p) : 0;
  for (const s of signals) score += decayAffinity(s.weight, Math.min(s.atMs, nowMs), nowMs, p);
  return Math.min(p.cap, Math.max(p.floor, score));
}

/**
 * The reader's affinity for an article: the mean over its topics that the reader follows (prior 0)
 * or has signalled about. Topics the reader neither follows nor signalled do not dilute it.
 */
export function articleAffinity(
  topicIds: readonly string[],
  follows: ReadonlySet<string>,
  affinities: ReadonlyMap<string, number>,
): number {
  let sum = 0;
  let count = 0;
  for (const id of topicIds) {
    const a = affinities.get(id);
    if (a === undefined && !follows.has(id)) continue;
    sum += a ?? 0;
    count += 1;
  }
  return count ? sum / count : 0;
}

// ---- Read-time re-rank of the top window --------------------------------------------------

export interface RerankCandidate {
  articleId: number;
  publishedAtSec: number;
  priority: 'normal' | 'breaking';
  /** In display order: the first is the article's primary topic. */
  topicIds: readonly string[];
  opened: boolean;
}

export interface ReaderSignals {
  follows: ReadonlySet<string>;
  /** Current (decayed) affinities by topic id. */
  affinities: ReadonlyMap<string, number>;
}

/** The stored score recomputed with today's affinities, minus the demotion of an opened article. */
export function freshScore(c: RerankCandidate, reader: ReaderSignals, p: PersonalRanking): number {
  const lnWeight = writeWeight(c.priority, p.ranking, articleAffinity(c.topicIds, reader.follows, reader.affinities));
  const demotion = c.opened ? Math.log(p.rerank.openedDemotion) : 0;
  return c.publishedAtSec / p.ranking.tauSeconds + lnWeight - demotion;
}

/** Orders the top window by fresh score, then spreads primary topics (see diversify). */
export function rerankWindow<T extends RerankCandidate>(candidates: T[], reader: ReaderSignals, p: PersonalRanking): T[] {
  const scored = candidates
    .map((c) => ({ c, key: freshScore(c, reader, p), articleId: c.articleId }))
    .sort(compareKeyed)
    .map((s) => s.c);
  return diversify(scored, (c) => c.topicIds[0], p.rerank.maxRun);
}

/**
 * Greedy: keeps the order, except that after `maxRun` items in a row of one primary topic the next
 * item is the best one of another topic, when the rest holds any.
 */
export function diversify<T>(ordered: T[], primaryOf: (item: T) => string | undefined, maxRun: number): T[] {
  const rest = [...ordered];
  const out: T[] = [];
  while (rest.length) {
    let pick = 0;
    const last = out.length ? primaryOf(out[out.length - 1]) : undefined;
    const run = last === undefined ? 0 : trailingRun(out, primaryOf, last);
    if (run >= maxRun && primaryOf(rest[0]) === last) {
      const other = rest.findIndex((item) => primaryOf(item) !== last);
      if (other >= 0) pick = other;
    }
    out.push(rest.splice(pick, 1)[0]);
  }
  return out;
}

function trailingRun<T>(items: T[], primaryOf: (item: T) => string | undefined, topic: string): number {
  let run = 0;
  for (let i = items.length - 1; i >= 0 && primaryOf(items[i]) === topic; i--) run++;
  return run;
}
