import { articleAffinity } from './affinity';
import { compareKeyed, writeWeight } from './feed-score';
import type { PersonalRanking } from './ranking-parameters';

export interface RerankCandidate {
  articleId: number;
  publishedAtSec: number;
  priority: 'normal' | 'breaking';
  /** In display order: the first is the article's primary topic. */
  topicIds: readonly string[];
  opened: boolean;
  /** The running story it belongs to: a story takes one place, its best-scored article's. */
  storyKey?: string | null;
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

/**
 * Orders the top window by fresh score, keeps one article per story (its best-scored: the story's item is
 * scored by its best article), then spreads primary topics (see diversify) over what is left.
 */
export function rerankWindow<T extends RerankCandidate>(candidates: T[], reader: ReaderSignals, p: PersonalRanking): T[] {
  const scored = candidates.map((c) => ({
    c,
    score: freshScore(c, reader, p),
    articleId: c.articleId,
    primaryTopic: c.topicIds[0],
    storyKey: c.storyKey,
  }));
  return rerankScored(scored, p.rerank.maxRun).map((s) => s.c);
}

/** A candidate whose fresh score is already known (a kept ranked top keeps them: feed/ranked-top.ts). */
export interface ScoredCandidate {
  articleId: number;
  score: number;
  primaryTopic: string | undefined;
  storyKey?: string | null;
}

/** rerankWindow's order from fresh scores: by score (then id), one article per story, primary topics spread. */
export function rerankScored<T extends ScoredCandidate>(candidates: T[], maxRun: number): T[] {
  const ordered = candidates
    .map((c) => ({ c, key: c.score, articleId: c.articleId }))
    .sort(compareKeyed)
    .map((s) => s.c);
  return diversify(onePerStory(ordered), (c) => c.primaryTopic, maxRun);
}

/** The first of each story in the order given; articles without a story all stay. */
export function onePerStory<T extends { storyKey?: string | null }>(ordered: T[]): T[] {
  const seen = new Set<string>();
  return ordered.filter((c) => !c.storyKey || (!seen.has(c.storyKey) && Boolean(seen.add(c.storyKey))));
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
