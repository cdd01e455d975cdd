import { SeenIds } from './seen-ids';

/**
 * One feed entry as stored in Redis: 12 bytes, big-endian
 *   uint32 articleId | uint32 publishedAt (epoch seconds) | float32 ln(weight)
 * A feed is the concatenation of its records, oldest arrival first (see docs/feed.md).
 */
export interface FeedRecord {
  articleId: number;
  publishedAtSec: number;
  lnWeight: number;
}

export const RECORD_BYTES = 12;
const MAX_UINT32 = 0xffff_ffff;
// One per process: the scans below are synchronous, so none ever sees another's ids.
const seen = new SeenIds();

export function encodeRecords(records: FeedRecord[]): Buffer {
  const buf = Buffer.alloc(records.length * RECORD_BYTES);
  records.forEach((r, i) => {
    if (!Number.isInteger(r.articleId) || r.articleId < 1 || r.articleId > MAX_UINT32) {
      throw new RangeError(`article id ${r.articleId} does not fit a feed record`);
    }
    const at = i * RECORD_BYTES;
    buf.writeUInt32BE(r.articleId, at);
    buf.writeUInt32BE(Math.max(0, Math.min(MAX_UINT32, Math.floor(r.publishedAtSec))), at + 4);
    buf.writeFloatBE(r.lnWeight, at + 8);
  });
  return buf;
}

/** Decodes a feed; when an article occurs twice (a replayed or re-fanned edit) the later record wins, in its place. */
export function decodeRecords(buf: Buffer | null): FeedRecord[] {
  if (!buf) return [];
  // From the newest end, so the first record seen of an article is the one that wins.
  seen.reset(buf.length / RECORD_BYTES);
  const out: FeedRecord[] = [];
  for (let at = buf.length - RECORD_BYTES - (buf.length % RECORD_BYTES); at >= 0; at -= RECORD_BYTES) {
    const articleId = buf.readUInt32BE(at);
    if (!seen.add(articleId)) continue;
    out.push({ articleId, publishedAtSec: buf.readUInt32BE(at + 4), lnWeight: buf.readFloatBE(at + 8) });
  }
  return out.reverse();
}

/**
 * One article's latest-order key (its record's publishedAt, the later record winning as in decodeRecords), read
 * straight from the packed window from its newest end; undefined when the window does not hold it. What ranking a
 * story's member against a lead needs: such a member is nearly always among the newest records, so the scan stops early.
 */
export function latestKeyOf(buf: Buffer, articleId: number): number | undefined {
  for (let at = buf.length - RECORD_BYTES - (buf.length % RECORD_BYTES); at >= 0; at -= RECORD_BYTES)
    if (buf.readUInt32BE(at) === articleId) return buf.readUInt32BE(at + 4);
  return undefined;
}

/**
 * The first `count` entries of the latest order (publishedAt, then id, descending) strictly after `after`, read
 * straight from the packed window (later records win, as in decodeRecords): a latest page neither decodes nor sorts
 * the whole window.
 */
export function newestRecords(
  buf: Buffer,
  after: { key: number; articleId: number } | undefined,
  count: number,
): (FeedRecord & { key: number })[] {
  const best: (FeedRecord & { key: number })[] = [];
  seen.reset(buf.length / RECORD_BYTES);
  for (let at = buf.length - RECORD_BYTES - (buf.length % RECORD_BYTES); at >= 0; at -= RECORD_BYTES) {
    const articleId = buf.readUInt32BE(at);
    if (!seen.add(articleId)) continue;
    const t = buf.readUInt32BE(at + 4);
    if (after && !(t < after.key || (t === after.key && articleId < after.articleId))) continue;
    if (best.length === count) {
      const last = best[count - 1];
      if (t < last.key || (t === last.key && articleId < last.articleId)) continue;
    }
    let i = best.length;
    while (i > 0 && (best[i - 1].key < t || (best[i - 1].key === t && best[i - 1].articleId < articleId))) i--;
    best.splice(i, 0, { articleId, publishedAtSec: t, lnWeight: buf.readFloatBE(at + 8), key: t });
    if (best.length > count) best.pop();
  }
  return best;
}
