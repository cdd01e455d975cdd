import { BucketChunker } from './bucket-chunker';

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('BucketChunker', () => {
  it('puts each user in exactly one chunk of its own bucket', () => {
    const chunker = new BucketChunker(4, 3);
    const chunks = [...chunker.add(ids(1, 20)), ...chunker.flush()];
    const all = chunks.flatMap((c) => c.userIds);
    expect(all.sort()).toEqual(ids(1, 20).sort());
    for (const c of chunks) {
      expect(c.userIds.length).toBeLessThanOrEqual(3);
      expect(c.userIds.every((id) => Number(id) % 4 === c.bucket)).toBe(true);
    }
  });

  it('numbers chunks per bucket and is deterministic', () => {
    const run = () => {
      const chunker = new BucketChunker(2, 2);
      return [...chunker.add(ids(1, 5)), ...chunker.add(ids(6, 9)), ...chunker.flush()];
    };
    const first = run();
    expect(first).toEqual(run());
    expect(first.filter((c) => c.bucket === 0).map((c) => c.seq)).toEqual([0, 1]);
    expect(first.filter((c) => c.bucket === 1).map((c) => c.seq)).toEqual([0, 1, 2]);
  });

  it('returns nothing to flush when every chunk closed full', () => {
    const chunker = new BucketChunker(1, 2);
    expect(chunker.add(ids(1, 4))).toHaveLength(2);
    expect(chunker.flush()).toEqual([]);
  });
});
