import { plainFeedQuery } from './feed-read.route';

const query = (fields: Record<string, unknown>) => Object.assign(Object.create(null) as Record<string, unknown>, fields);

describe('plainFeedQuery', () => {
  it('takes a plain query, with the DTO defaults', () => {
    expect(plainFeedQuery(query({}))).toEqual({ mode: 'ranked', limit: 20 });
    expect(plainFeedQuery(query({ mode: 'latest', limit: '50', cursor: 'abc' }))).toEqual({ mode: 'latest', limit: 50, cursor: 'abc' });
  });

  it.each([
    ['limit 0', { limit: '0' }],
    ['limit 51', { limit: '51' }],
    ['limit 05', { limit: '05' }],
    ['limit 1.5', { limit: '1.5' }],
    ['a repeated limit', { limit: ['1', '2'] }],
    ['an unknown mode', { mode: 'oldest' }],
    ['an unknown field', { page: '2' }],
    ['a long cursor', { cursor: 'x'.repeat(513) }],
    ['a cursor with NUL', { cursor: 'a\u0000b' }],
  ])('leaves %s to the DTO validation', (_name, fields) => {
    expect(plainFeedQuery(query(fields))).toBeUndefined();
  });
});
