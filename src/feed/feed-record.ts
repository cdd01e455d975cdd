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

/** Decodes a feed; when an article occurs twice (a replayed or re-fanned edit) the later record wins. */
export function decodeRecords(buf: Buffer | null): FeedRecord[] {
  if (!buf) return [];
  const byId = new Map<number, FeedRecord>();
  for (let at = 0; at + RECORD_BYTES <= buf.length; at += RECORD_BYTES) {
    const record = {
      articleId: buf.readUInt32BE(at),
      publishedAtSec: buf.readUInt32BE(at + 4),
      lnWeight: buf.readFloatBE(at + 8),
    };
    byId.delete(record.articleId);
    byId.set(record.articleId, record);
  }
  return [...byId.values()];
}
