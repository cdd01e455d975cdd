import { formatFeedCursor, parseFeedCursor } from './feed-cursor';

describe('feed cursor', () => {
  it('round-trips both kinds of position', () => {
    const inWindow = { m: 'ranked' as const, kind: 'window' as const, k: 123.5, id: 9 };
    const pastWindow = { m: 'latest' as const, kind: 'past' as const, t: 1_795_000_000_000, id: 3 };
    expect(parseFeedCursor(formatFeedCursor(inWindow), 'ranked')).toEqual(inWindow);
    expect(parseFeedCursor(formatFeedCursor(pastWindow), 'latest')).toEqual(pastWindow);
  });

  it('is absent without a cursor', () => {
    expect(parseFeedCursor(undefined, 'ranked')).toBeUndefined();
  });

  it.each([
    'garbage',
    Buffer.from('{"m":"ranked","kind":"window","k":"x","id":1}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
  ])('rejects a tampered cursor %s with a 400', (raw) => {
    expect(() => parseFeedCursor(raw, 'ranked')).toThrow(expect.objectContaining({ status: 400, code: 'VALIDATION_FAILED' }));
  });

  it('rejects a cursor of the other mode', () => {
    const raw = formatFeedCursor({ m: 'latest', kind: 'window', k: 1, id: 1 });
    expect(() => parseFeedCursor(raw, 'ranked')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('feed cursor inside the re-ranked top window', () => {
  it('round-trips a snapshot position', () => {
    const top = { m: 'ranked' as const, kind: 'top' as const, n: 'abcDEF_-12', i: 20, k: 415_000.25, id: 77 };
    expect(parseFeedCursor(formatFeedCursor(top), 'ranked')).toEqual(top);
  });

  it.each([
    { m: 'latest', kind: 'top', n: 'abc', i: 1, k: 1, id: 1 },
    { m: 'ranked', kind: 'top', n: '../x', i: 1, k: 1, id: 1 },
    { m: 'ranked', kind: 'top', n: 'abc', i: -1, k: 1, id: 1 },
    { m: 'ranked', kind: 'top', n: 'abc', i: 1.5, k: 1, id: 1 },
    { m: 'ranked', kind: 'top', i: 1, k: 1, id: 1 },
  ])('rejects a malformed one: %o', (raw) => {
    expect(() => parseFeedCursor(formatFeedCursor(raw as never), 'ranked')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('feed cursors given out before the kinds had names', () => {
  it.each([
    [
      { m: 'ranked', s: 'r', k: 12.5, id: 9 },
      { m: 'ranked', kind: 'window', k: 12.5, id: 9 },
    ],
    [
      { m: 'latest', s: 'p', t: 1_795_000_000_000, id: 3 },
      { m: 'latest', kind: 'past', t: 1_795_000_000_000, id: 3 },
    ],
    [
      { m: 'ranked', s: 'w', n: 'abc', i: 2, k: 1, id: 4 },
      { m: 'ranked', kind: 'top', n: 'abc', i: 2, k: 1, id: 4 },
    ],
  ])('still decode: %o', (old, now) => {
    const raw = Buffer.from(JSON.stringify(old)).toString('base64url');
    expect(parseFeedCursor(raw, old.m as 'ranked' | 'latest')).toEqual(now);
  });

  it('rejects an unknown letter', () => {
    const raw = Buffer.from(JSON.stringify({ m: 'ranked', s: 'x', k: 1, id: 1 })).toString('base64url');
    expect(() => parseFeedCursor(raw, 'ranked')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
