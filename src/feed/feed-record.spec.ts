import { isAfter, orderFeed } from '../ranking/feed-score';
import { decodeRecords, encodeRecords, latestKeyOf, newestRecords, RECORD_BYTES } from './feed-record';

describe('feed records', () => {
  it('round-trips ids, times and weights in 12 bytes each', () => {
    const records = [
      { articleId: 1, publishedAtSec: 1_795_000_000, lnWeight: 0 },
      { articleId: 4_000_000_000, publishedAtSec: 1_795_000_100, lnWeight: Math.fround(Math.log(3)) },
    ];
    const buf = encodeRecords(records);
    expect(buf.length).toBe(2 * RECORD_BYTES);
    expect(decodeRecords(buf)).toEqual(records);
  });

  it('keeps the later record of a repeated article', () => {
    const buf = encodeRecords([
      { articleId: 7, publishedAtSec: 10, lnWeight: 0 },
      { articleId: 8, publishedAtSec: 11, lnWeight: 0 },
      { articleId: 7, publishedAtSec: 10, lnWeight: 1 },
    ]);
    expect(decodeRecords(buf)).toEqual([
      { articleId: 8, publishedAtSec: 11, lnWeight: 0 },
      { articleId: 7, publishedAtSec: 10, lnWeight: 1 },
    ]);
  });

  it("reads each article's latest key as decoding and ordering would, the later record winning", () => {
    const buf = encodeRecords([
      { articleId: 7, publishedAtSec: 10, lnWeight: 0 },
      { articleId: 8, publishedAtSec: 11, lnWeight: 0 },
      { articleId: 7, publishedAtSec: 12, lnWeight: 1 },
    ]);
    const params = { tauSeconds: 3600 } as Parameters<typeof orderFeed>[2];
    const ordered = orderFeed(decodeRecords(buf), 'latest', params);
    for (const r of ordered) expect(latestKeyOf(buf, r.articleId)).toBe(r.key);
    expect(latestKeyOf(buf, 7)).toBe(12);
    expect(latestKeyOf(buf, 9)).toBeUndefined();
  });

  it('reads a missing feed as empty and rejects ids that do not fit', () => {
    expect(decodeRecords(null)).toEqual([]);
    expect(() => encodeRecords([{ articleId: 2 ** 32, publishedAtSec: 0, lnWeight: 0 }])).toThrow(RangeError);
  });

  it('reads the newest entries after a position as the full latest order does, repeats and ties included', () => {
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    const params = { tauSeconds: 3600 } as Parameters<typeof orderFeed>[2];
    for (let round = 0; round < 50; round++) {
      const records = Array.from({ length: 1 + next(120) }, () => ({
        articleId: 1 + next(80),
        publishedAtSec: 1_000 + next(40),
        lnWeight: 0,
      }));
      const buf = encodeRecords(records);
      const full = orderFeed(decodeRecords(buf), 'latest', params);
      for (const count of [1, 5, 21]) {
        expect(newestRecords(buf, undefined, count)).toEqual(full.slice(0, count));
        const at = full[next(full.length)];
        expect(newestRecords(buf, at, count)).toEqual(full.filter((r) => isAfter(r, at)).slice(0, count));
      }
    }
  });
});
