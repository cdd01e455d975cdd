import { decodeRecords, encodeRecords, RECORD_BYTES } from './feed-record';

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

  it('reads a missing feed as empty and rejects ids that do not fit', () => {
    expect(decodeRecords(null)).toEqual([]);
    expect(() => encodeRecords([{ articleId: 2 ** 32, publishedAtSec: 0, lnWeight: 0 }])).toThrow(RangeError);
  });
});
