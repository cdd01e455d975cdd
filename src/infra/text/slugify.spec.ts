import { SLUG_PATTERN, slugify } from './slugify';

describe('slugify', () => {
  it.each([
    ['US-China relations', 'us-china-relations'],
    ['  Hong Kong  ', 'hong-kong'],
    ['Café & Société', 'cafe-societe'],
    ['Tech -- AI!!', 'tech-ai'],
    ['中文', ''],
  ])('%s -> %s', (input, slug) => {
    expect(slugify(input)).toBe(slug);
  });

  it('cuts to the maximum length without a trailing dash', () => {
    const slug = slugify('a'.repeat(79) + ' b c', 80);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});
