import { AppError } from '../infra/http/app-error';
import { decodeCursor, encodeCursor } from '../infra/http/paging';
import type { FeedMode } from '../ranking/feed-score';

/**
 * Where a reader is in the feed: inside the Redis window (kind 'window': by sort key and id) or, past
 * its end, in Postgres (kind 'past': by publish time and id). Positions, never offsets, so inserts
 * cannot shift a page. Ranked mode adds kind 'top': index `i` into the frozen re-ranked order `n` of
 * the top window, whose lowest stored position is (k, id); the window below it continues as kind
 * 'window' (docs/ranking.md).
 */
export type FeedCursor =
  | { m: FeedMode; kind: 'window'; k: number; id: number }
  | { m: FeedMode; kind: 'past'; t: number; id: number }
  | { m: 'ranked'; kind: 'top'; n: string; i: number; k: number; id: number };

// Cursors given out before the kinds had names carry `s` with one letter; they still decode.
const LEGACY_KINDS: Record<string, FeedCursor['kind']> = { w: 'top', r: 'window', p: 'past' };

const isMode = (v: unknown): v is FeedMode => v === 'ranked' || v === 'latest';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// Forged numbers like 1e21 or 1e300 are finite yet no article id, and no instant Date or Postgres can hold.
const isArticleId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;
const MAX_EPOCH_MS = 8.64e15;
const isEpochMs = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_EPOCH_MS;
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,32}$/;

function isFeedCursor(v: unknown): v is FeedCursor {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  if (c.kind === undefined && typeof c.s === 'string' && Object.hasOwn(LEGACY_KINDS, c.s)) {
    c.kind = LEGACY_KINDS[c.s];
    delete c.s;
  }
  if (!isMode(c.m) || !isArticleId(c.id)) return false;
  const inTop =
    c.kind === 'top' &&
    c.m === 'ranked' &&
    typeof c.n === 'string' &&
    SNAPSHOT_ID.test(c.n) &&
    Number.isInteger(c.i) &&
    (c.i as number) >= 0 &&
    (c.i as number) <= 10_000 &&
    isNum(c.k);
  return (c.kind === 'window' && isNum(c.k)) || (c.kind === 'past' && isEpochMs(c.t)) || inTop;
}

export function parseFeedCursor(raw: string | undefined, mode: FeedMode): FeedCursor | undefined {
  const cursor = decodeCursor(raw, isFeedCursor);
  if (cursor && cursor.m !== mode) {
    throw new AppError(400, 'VALIDATION_FAILED', `cursor belongs to mode=${cursor.m}`, [
      { field: 'cursor', message: `belongs to mode=${cursor.m}; start again without a cursor to switch modes` },
    ]);
  }
  return cursor;
}

export const formatFeedCursor = (cursor: FeedCursor): string => encodeCursor(cursor);
