import { createHash } from 'node:crypto';
import type { Keyed } from '../ranking/feed-score';
import type { RankedTop } from './ranked-top';

/**
 * A ranked top as kept beside the reader state: made from window `d` (sha1, `l` bytes long) and reader state version
 * `t`. Its entries (field `topm`, ranked-top.ts) let a window that only grew since be merged into it.
 */
export interface CachedTop {
  d: string;
  t: string;
  ids: number[];
  b: [key: number, articleId: number] | null;
  n: string;
  l?: number;
}

/** A kept top of this reader state whose window has grown since: what merging the arrivals into it needs. */
export interface GrownTop {
  top: CachedTop;
  basis: Buffer;
  arrivals: Buffer;
}

// A kept top takes merges for this long after its entries were scored and judged, then is re-ranked afresh: affinities
// decay by a 14-day half-life (under 0.02% in this time), and a card changed in place (a retraction) leaves its top.
export const TOP_MERGE_MAX_AGE_MS = 300_000;

export const boundaryOf = (top: CachedTop): Keyed | undefined => (top.b ? { key: top.b[0], articleId: top.b[1] } : undefined);

/** Whether a merged top serves what the kept one did: the same order down to the same boundary. */
export const sameTop = (merged: RankedTop, kept: CachedTop): boolean => {
  const b = merged.boundary;
  const sameBoundary = kept.b ? b?.key === kept.b[0] && b.articleId === kept.b[1] : !b;
  return sameBoundary && merged.ids.length === kept.ids.length && merged.ids.every((id, i) => id === kept.ids[i]);
};

/** Names the muted words in force (kept with a top's entries, judged with them). */
export const mutedWordsName = (words: string[]): string =>
  words.length ? createHash('sha1').update(words.join('\n')).digest('base64url') : '';
