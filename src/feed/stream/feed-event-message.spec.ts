import { decodeFeedEvent, encodeFeedEvent } from './feed-event-message';

describe('feed event messages', () => {
  it('round-trips a chunk announcement', () => {
    const message = { articleId: '7', version: 2, publishedAtSec: 1_795_000_000, userIds: ['1', '17', '33'] };
    expect(decodeFeedEvent(encodeFeedEvent(message))).toEqual(message);
  });

  it.each([
    'not json',
    'null',
    '[]',
    JSON.stringify({ a: 7, v: 1, t: 1, u: [] }),
    JSON.stringify({ a: '7', v: 1, t: 1, u: [1] }),
    JSON.stringify({ a: '7', v: 1, t: 1, u: ['x'] }),
    JSON.stringify({ a: '7', v: '1', t: 1, u: [] }),
    JSON.stringify({ a: '7', v: 1, u: [] }),
  ])('ignores a malformed message %s', (raw) => {
    expect(decodeFeedEvent(raw)).toBeNull();
  });
});
