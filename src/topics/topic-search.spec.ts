import { isPossibleSlug, isTopicCursor, substringPattern } from './topic-search';

describe('substringPattern', () => {
  it.each([
    ['tech', '%tech%'],
    ['100%', '%100\\%%'],
    ['a_b', '%a\\_b%'],
    ['back\\slash', '%back\\\\slash%'],
  ])('%s -> %s', (q, pattern) => {
    expect(substringPattern(q)).toBe(pattern);
  });
});

describe('isPossibleSlug', () => {
  it.each(['a', 'us-china-relations', 'x1-2y', 'a'.repeat(80)])('accepts %s', (slug) => {
    expect(isPossibleSlug(slug)).toBe(true);
  });

  it.each(['', 'A', '-a', 'a-', 'a--b', 'a b', 'a\u0000', 'a'.repeat(81), 123, null])('rejects %p', (slug) => {
    expect(isPossibleSlug(slug)).toBe(false);
  });
});

describe('isTopicCursor', () => {
  it('accepts a slug position', () => {
    expect(isTopicCursor({ after: 'world' })).toBe(true);
  });

  it.each([null, 'world', [], {}, { after: 3 }, { after: 'Not A Slug' }])('rejects %p', (value) => {
    expect(isTopicCursor(value)).toBe(false);
  });
});
