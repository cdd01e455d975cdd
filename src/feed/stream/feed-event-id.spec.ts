import { formatEventId, isNewer, parseEventId } from './feed-event-id';

describe('feed stream event ids', () => {
  it('round-trips a position', () => {
    const position = { publishedAtMs: 1_795_000_000_123, articleId: '42' };
    expect(parseEventId(formatEventId(position))).toEqual(position);
  });

  it.each(['', '42', '-42', '1-0', '1-01', 'abc-1', '1795000000000-1x', '1-1234567890123456789', '1234567890123456-1'])(
    'rejects %p',
    (raw) => expect(parseEventId(raw)).toBeNull(),
  );

  it('orders by publish time, then by article id (numerically)', () => {
    const at = (publishedAtMs: number, articleId: string) => ({ publishedAtMs, articleId });
    expect(isNewer(at(2, '1'), at(1, '9'))).toBe(true);
    expect(isNewer(at(1, '10'), at(1, '9'))).toBe(true);
    expect(isNewer(at(1, '9'), at(1, '9'))).toBe(false);
    expect(isNewer(at(1, '9'), at(1, '10'))).toBe(false);
    expect(isNewer(at(0, '99'), at(1, '1'))).toBe(false);
  });
});
