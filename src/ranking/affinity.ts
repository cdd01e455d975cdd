import type { AffinityParams } from './ranking-parameters';

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
