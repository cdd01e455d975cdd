import { exceedsJsonDepth } from './json-depth';

describe('exceedsJsonDepth', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('allows up to the limit and refuses one more', () => {
    expect(exceedsJsonDepth(nested(32))).toBe(false);
    expect(exceedsJsonDepth(nested(33))).toBe(true);
    expect(exceedsJsonDepth(`{"a":${nested(31)}}`)).toBe(false);
    expect(exceedsJsonDepth(`{"a":${nested(32)}}`)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ a: '['.repeat(100), b: '\\"[[[{{{' }))).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify(['"', nested(40)]))).toBe(false);
  });

  it('counts siblings as one level', () => {
    expect(exceedsJsonDepth(`[${Array.from({ length: 1000 }, () => nested(30)).join(',')}]`)).toBe(false);
  });
});
