import { normalizeEmail, normalizeEmailValue, trimValue } from './user-input';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ann.Lee@Example.ORG\t')).toBe('ann.lee@example.org');
  });

  it('leaves non-strings to the validators', () => {
    expect(normalizeEmailValue({ value: 42 })).toBe(42);
    expect(normalizeEmailValue({ value: null })).toBeNull();
    expect(normalizeEmailValue({ value: ' A@B.CO ' })).toBe('a@b.co');
  });
});

describe('trimValue', () => {
  it('trims strings only', () => {
    expect(trimValue({ value: '  Ann  ' })).toBe('Ann');
    expect(trimValue({ value: ['x'] })).toEqual(['x']);
  });
});
