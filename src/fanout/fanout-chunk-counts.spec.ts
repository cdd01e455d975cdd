import type { FanoutWatermarksRepository } from '../feed/fanout-watermarks.repository';
import { FanoutChunkCounts } from './fanout-chunk-counts';

/** A repository whose statements commit when the test says so. */
function fakeRepository() {
  const statements: { counts: Map<number, number>; commit: () => void; fail: (e: Error) => void }[] = [];
  const repository = {
    countChunks: (counts: ReadonlyMap<number, number>) =>
      new Promise<void>((commit, fail) => statements.push({ counts: new Map(counts), commit, fail })),
  } as unknown as FanoutWatermarksRepository;
  return { repository, statements };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('FanoutChunkCounts', () => {
  it('sends the first count at once and the counts that arrive meanwhile in one statement', async () => {
    const { repository, statements } = fakeRepository();
    const counts = new FanoutChunkCounts(repository);
    const settled: number[] = [];
    const first = counts.count(3).then(() => settled.push(1));
    await tick();
    expect(statements.map((s) => [...s.counts])).toEqual([[[3, 1]]]);

    const later = [counts.count(3), counts.count(5), counts.count(3)].map((p, i) => p.then(() => settled.push(i + 2)));
    await tick();
    expect(statements).toHaveLength(1);
    expect(settled).toEqual([]);

    statements[0].commit();
    await first;
    await tick();
    expect(statements.map((s) => [...s.counts].sort())).toEqual([
      [[3, 1]],
      [
        [3, 2],
        [5, 1],
      ],
    ]);
    expect(settled).toEqual([1]);

    statements[1].commit();
    await Promise.all(later);
    expect(settled.sort()).toEqual([1, 2, 3, 4]);
  });

  it('fails the counts of a failed statement only, and goes on with the next', async () => {
    const { repository, statements } = fakeRepository();
    const counts = new FanoutChunkCounts(repository);
    const first = counts.count(1);
    await tick();
    const second = counts.count(2);
    statements[0].fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    expect([...statements[1].counts]).toEqual([[2, 1]]);
    statements[1].commit();
    await expect(second).resolves.toBeUndefined();
  });
});
