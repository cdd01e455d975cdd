import { SeenArticles } from './seen-articles';

describe('SeenArticles', () => {
  it('knows the ids it started with and those added, across merges', () => {
    const seen = new SeenArticles([30, 10, 20, 10], 3);
    expect([10, 20, 30].every((id) => seen.has(id))).toBe(true);
    expect(seen.has(15)).toBe(false);
    for (const id of [5, 25, 1000, 7, 25]) seen.add(id);
    for (const id of [5, 7, 10, 20, 25, 30, 1000]) expect(seen.has(id)).toBe(true);
    for (const id of [0, 6, 26, 999, 1001]) expect(seen.has(id)).toBe(false);
  });

  it('works when it starts empty', () => {
    const seen = new SeenArticles([], 2);
    expect(seen.has(1)).toBe(false);
    seen.add(1);
    seen.add(2);
    seen.add(3);
    expect([1, 2, 3].map((id) => seen.has(id))).toEqual([true, true, true]);
  });
});
