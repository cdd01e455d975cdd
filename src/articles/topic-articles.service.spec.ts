import { isListCursor } from './topic-articles.service';

describe('isListCursor', () => {
  it('accepts a cursor this list gives out', () => {
    expect(isListCursor({ t: '2026-11-28T10:43:16.123456Z', id: '42' })).toBe(true);
  });

  it.each([
    null,
    'x',
    { t: '2026-11-28T10:43:16.123Z', id: '42' },
    { t: '2026-02-30T10:43:16.123456Z', id: '42' },
    { t: '2026-11-28T25:43:16.123456Z', id: '42' },
    { t: '2026-11-28T10:43:16.123456Z', id: '0' },
    { t: '2026-11-28T10:43:16.123456Z', id: 42 },
    { t: '2026-11-28T10:43:16.123456Z' },
  ])('refuses %p', (value) => {
    expect(isListCursor(value)).toBe(false);
  });
});
