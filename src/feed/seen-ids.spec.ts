import { SeenIds } from './seen-ids';

describe('SeenIds', () => {
  it('answers like a Set across resets, growth and colliding ids', () => {
    const seen = new SeenIds();
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (const count of [1, 10, 900, 5000, 20]) {
      seen.reset(count);
      const reference = new Set<number>();
      for (let i = 0; i < count; i++) {
        // Multiples of the table size land in one slot; the upper ids test the uint32 range.
        const id = [1 + next(count), 2048 * (1 + next(8)), 0xffff_ffff - next(4)][next(3)];
        expect(seen.add(id)).toBe(!reference.has(id));
        reference.add(id);
      }
    }
  });

  it('forgets every id on reset', () => {
    const seen = new SeenIds();
    seen.reset(3);
    expect(seen.add(42)).toBe(true);
    expect(seen.add(42)).toBe(false);
    seen.reset(3);
    expect(seen.add(42)).toBe(true);
  });
});
