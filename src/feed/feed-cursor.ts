import { AppError } from '../infra/http/app-error';
import { decodeCursor, encodeCursor } from '../infra/http/paging';
import type { FeedMode } from './feed-ranking';

/**
 * Where a reader is in the feed: inside the Redis window (by sort key and id) or, past its end,
 * in Postgres (by publish time and id). Positions, never offsets, so inserts cannot shift a page.
 * Ranked mode adds 's: w': index `i` into the frozen re-ranked order `n` of the top window, whose
 * lowest stored position is (k, id); the window below it continues as 's: r' (docs/ranking.md).
 */
export type FeedCursor =
  | { m: FeedMode; s: 'r'; k: number; id: number }
  | { m: FeedMode; s: 'p'; t: number; id: number }
  | { m: 'ranked'; s: 'w'; n: string; i: number; k: number; id: number };

const isMode = (v: unknown): v is FeedMode => v === 'ranked' || v === 'latest';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,32}$/;

function isFeedCursor(v: unknown): v is FeedCursor {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  if (!isMode(c.m) || !isNum(c.id) || !Number.isInteger(c.id) || c.id < 1) return false;
  const inTop =
    c.s === 'w' &&
    c.m === 'ranked' &&
    typeof c.n === 'string' &&
    SNAPSHOT_ID.test(c.n) &&
    Number.isInteger(c.i) &&
    (c.i as number) >= 0 &&
    (c.i as number) <= 10_000 &&
    isNum(c.k);
  return (c.s === 'r' && isNum(c.k)) || (c.s === 'p' && isNum(c.t)) || inTop;
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
