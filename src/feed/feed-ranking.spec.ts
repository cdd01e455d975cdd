import { isAfter, orderFeed, writeWeight } from './feed-ranking';

const params = { tauSeconds: 4 * 3600, breakingBoost: 3 };
const now = 1_795_000_000;
const rec = (articleId: number, ageSec: number, priority: 'normal' | 'breaking' = 'normal') => ({
  articleId,
  publishedAtSec: now - ageSec,
  lnWeight: writeWeight(priority, params),
});

describe('feed ranking', () => {
  it('puts a breaking article above a normal one of the same age', () => {
    const ordered = orderFeed([rec(1, 600), rec(2, 600, 'breaking')], 'ranked', params);
    expect(ordered.map((r) => r.articleId)).toEqual([2, 1]);
  });

  it('puts a 3-hour-old article below a fresh one of equal weight', () => {
    const ordered = orderFeed([rec(1, 3 * 3600), rec(2, 60)], 'ranked', params);
    expect(ordered.map((r) => r.articleId)).toEqual([2, 1]);
  });

  it('lets a breaking story outrank newer normal ones only within ln(boost) * tau', () => {
    const boostWindow = Math.log(params.breakingBoost) * params.tauSeconds;
    const ordered = orderFeed(
      [rec(1, 0), rec(2, boostWindow - 600, 'breaking'), rec(3, boostWindow + 600, 'breaking')],
      'ranked',
      params,
    );
    expect(ordered.map((r) => r.articleId)).toEqual([2, 1, 3]);
  });

  it('orders exactly as the decayed weight does, at any later moment', () => {
    const decayed = (r: ReturnType<typeof rec>, at: number) =>
      Math.exp(r.lnWeight) * Math.exp(-(at - r.publishedAtSec) / params.tauSeconds);
    const records = [rec(1, 3600, 'breaking'), rec(2, 60), rec(3, 7200), rec(4, 5000, 'breaking')];
    for (const at of [now, now + 86_400, now + 30 * 86_400]) {
      const byDecay = [...records].sort((x, y) => decayed(y, at) - decayed(x, at)).map((r) => r.articleId);
      expect(orderFeed(records, 'ranked', params).map((r) => r.articleId)).toEqual(byDecay);
    }
  });

  it('orders latest mode by time alone, ties by id', () => {
    const ordered = orderFeed([rec(1, 60, 'breaking'), rec(2, 30), rec(3, 30)], 'latest', params);
    expect(ordered.map((r) => r.articleId)).toEqual([3, 2, 1]);
  });

  it('finds items strictly after a cursor position', () => {
    expect(isAfter({ key: 5, articleId: 1 }, { key: 5, articleId: 2 })).toBe(true);
    expect(isAfter({ key: 5, articleId: 2 }, { key: 5, articleId: 2 })).toBe(false);
    expect(isAfter({ key: 6, articleId: 1 }, { key: 5, articleId: 2 })).toBe(false);
  });
});
