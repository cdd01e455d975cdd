import { articleAffinity, decayAffinity, foldAffinity, signalWeight } from './affinity';
import { isAfter, orderFeed, writeWeight } from './feed-score';
import type { PersonalRanking } from './ranking-parameters';
import { diversify, freshScore, RerankCandidate, rerankWindow } from './rerank';

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
    const ordered = orderFeed([rec(1, 0), rec(2, boostWindow - 600, 'breaking'), rec(3, boostWindow + 600, 'breaking')], 'ranked', params);
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

const personal: PersonalRanking = {
  ranking: params,
  affinity: {
    halfLifeSeconds: 14 * 86_400,
    cap: 0.7,
    floor: -1.2,
    open: 0.1,
    dwellPerMinute: 0.1,
    dwellMaxMinutes: 5,
    save: 0.3,
    share: 0.4,
    lessLikeThis: -0.6,
  },
  rerank: { window: 200, openedDemotion: 4, maxRun: 2 },
};
const nowMs = now * 1000;
const day = 86_400_000;

describe('signals and affinities', () => {
  it('weighs each event type, dwell by its time up to a bound', () => {
    const p = personal.affinity;
    expect(signalWeight('open', undefined, p)).toBe(0.1);
    expect(signalWeight('dwell', 30_000, p)).toBeCloseTo(0.05);
    expect(signalWeight('dwell', 3_600_000, p)).toBeCloseTo(0.5);
    expect(signalWeight('less_like_this', undefined, p)).toBe(-0.6);
    expect(signalWeight('hide', undefined, p)).toBe(0);
  });

  it('halves an affinity every half-life, towards the 0 of a plain follow', () => {
    expect(decayAffinity(0.6, nowMs - 14 * day, nowMs, personal.affinity)).toBeCloseTo(0.3);
    expect(decayAffinity(-0.8, nowMs - 28 * day, nowMs, personal.affinity)).toBeCloseTo(-0.2);
    expect(decayAffinity(0.5, nowMs + day, nowMs, personal.affinity)).toBe(0.5);
  });

  it('folds a batch, each signal decayed from its own time, within the cap and floor', () => {
    const p = personal.affinity;
    expect(
      foldAffinity(
        undefined,
        [
          { weight: 0.1, atMs: nowMs },
          { weight: 0.2, atMs: nowMs - 14 * day },
        ],
        nowMs,
        p,
      ),
    ).toBeCloseTo(0.2);
    expect(foldAffinity({ score: 0.4, updatedAtMs: nowMs - 14 * day }, [{ weight: 0.1, atMs: nowMs }], nowMs, p)).toBeCloseTo(0.3);
    const many = Array.from({ length: 50 }, () => ({ weight: 0.4, atMs: nowMs }));
    expect(foldAffinity(undefined, many, nowMs, p)).toBe(0.7);
    expect(
      foldAffinity(
        undefined,
        many.map((s) => ({ ...s, weight: -0.6 })),
        nowMs,
        p,
      ),
    ).toBe(-1.2);
    // A time in the future counts as now, not as a bonus.
    expect(foldAffinity(undefined, [{ weight: 0.1, atMs: nowMs + 30 * day }], nowMs, p)).toBeCloseTo(0.1);
  });

  it('averages over the article topics the reader follows or signalled, a follow alone counting 0', () => {
    const follows = new Set(['1', '2']);
    const affinities = new Map([
      ['1', 0.6],
      ['3', -0.3],
    ]);
    expect(articleAffinity(['1'], follows, affinities)).toBeCloseTo(0.6);
    expect(articleAffinity(['1', '2'], follows, affinities)).toBeCloseTo(0.3);
    expect(articleAffinity(['1', '3', '9'], follows, affinities)).toBeCloseTo(0.15);
    expect(articleAffinity(['9'], follows, affinities)).toBe(0);
  });

  it('adds the affinity term to the written weight', () => {
    expect(writeWeight('breaking', params, 0.5)).toBeCloseTo(Math.log(3) + 0.5);
    expect(writeWeight('normal', params, -0.25)).toBe(-0.25);
  });
});

describe('re-rank of the top window', () => {
  const reader = {
    follows: new Set(['a', 'b', 'c']),
    affinities: new Map([
      ['a', 0.3],
      ['b', -0.6],
    ]),
  };
  const cand = (articleId: number, ageSec: number, topic: string, extra: Partial<RerankCandidate> = {}): RerankCandidate => ({
    articleId,
    publishedAtSec: now - ageSec,
    priority: 'normal',
    topicIds: [topic],
    opened: false,
    ...extra,
  });
  const ids = (items: RerankCandidate[]) => rerankWindow(items, reader, personal).map((c) => c.articleId);

  it('puts a liked topic above a disliked one of the same age, whatever the ids', () => {
    expect(ids([cand(1, 60, 'a'), cand(2, 60, 'b')])).toEqual([1, 2]);
    expect(ids([cand(2, 60, 'a'), cand(1, 60, 'b')])).toEqual([2, 1]);
  });

  it('keeps breaking above normal and fresh above 3 hours old at equal affinity', () => {
    expect(ids([cand(1, 600, 'c'), cand(2, 600, 'c', { priority: 'breaking' })])).toEqual([2, 1]);
    expect(ids([cand(1, 60, 'c'), cand(2, 3 * 3600, 'c')])).toEqual([1, 2]);
  });

  it('demotes an article the reader already opened by ln(openedDemotion)', () => {
    expect(ids([cand(1, 60, 'c', { opened: true }), cand(2, 3600, 'c')])).toEqual([2, 1]);
    const demotionWindow = Math.log(4) * params.tauSeconds;
    expect(ids([cand(1, 0, 'c', { opened: true }), cand(2, demotionWindow + 600, 'c')])).toEqual([1, 2]);
    expect(freshScore(cand(1, 0, 'c'), reader, personal) - freshScore(cand(1, 0, 'c', { opened: true }), reader, personal)).toBeCloseTo(
      Math.log(4),
    );
  });

  it('never lets more than two of one primary topic run while another is available', () => {
    const items = [cand(1, 60, 'a'), cand(2, 120, 'a'), cand(3, 180, 'a'), cand(4, 240, 'a'), cand(5, 7200, 'c'), cand(6, 9000, 'c')];
    expect(ids(items)).toEqual([1, 2, 5, 3, 4, 6]);
  });

  it('keeps one article per story, its best-scored, and spreads topics over the stories and articles left', () => {
    // Story s: 2 (older, liked topic a) outscores 3 (newer, disliked topic b): 2 is its place, 3 and 4 drop out.
    const items = [
      cand(1, 60, 'a'),
      cand(2, 300, 'a', { storyKey: 's' }),
      cand(3, 120, 'b', { storyKey: 's' }),
      cand(4, 7000, 'c', { storyKey: 's' }),
      cand(5, 200, 'a'),
      cand(6, 9000, 'c'),
    ];
    expect(ids(items)).toEqual([1, 5, 6, 2]);
    expect(ids([cand(7, 60, 'a', { storyKey: null }), cand(8, 60, 'a', { storyKey: null })])).toEqual([8, 7]);
  });

  it('lets a run continue when no other topic is left', () => {
    expect(diversify(['x1', 'x2', 'x3', 'y1', 'x4', 'x5'], (s) => s[0], 2)).toEqual(['x1', 'x2', 'y1', 'x3', 'x4', 'x5']);
    expect(diversify(['x1', 'x2', 'x3'], (s) => s[0], 2)).toEqual(['x1', 'x2', 'x3']);
  });
});

describe('the worked example of docs/ranking.md', () => {
  it('orders S1, P1, S2, P2 with the signals and S1, S2, P2, P1 without', () => {
    const p = personal.affinity;
    const politics = foldAffinity(
      undefined,
      [
        { weight: signalWeight('open', undefined, p), atMs: nowMs },
        { weight: signalWeight('dwell', 120_000, p), atMs: nowMs },
      ],
      nowMs,
      p,
    );
    const sport = foldAffinity(undefined, [{ weight: signalWeight('less_like_this', undefined, p), atMs: nowMs }], nowMs, p);
    const item = (articleId: number, ageMin: number, topic: string, extra: Partial<RerankCandidate> = {}): RerankCandidate => ({
      articleId,
      publishedAtSec: now - ageMin * 60,
      priority: 'normal',
      topicIds: [topic],
      opened: false,
      ...extra,
    });
    const [s1, p1, s2, p2] = [
      item(1, 10, 'sport', { priority: 'breaking' }),
      item(2, 30, 'politics'),
      item(3, 1, 'sport'),
      item(4, 5, 'politics', { opened: true }),
    ];
    const follows = new Set(['politics', 'sport']);
    const taught = {
      follows,
      affinities: new Map([
        ['politics', politics],
        ['sport', sport],
      ]),
    };
    const rel = (c: RerankCandidate) => freshScore(c, taught, personal) - now / params.tauSeconds;
    expect([rel(s1), rel(p1), rel(s2), rel(p2)].map((x) => Number(x.toFixed(3)))).toEqual([0.457, 0.175, -0.604, -1.107]);
    expect(rerankWindow([p2, s2, p1, s1], taught, personal).map((c) => c.articleId)).toEqual([1, 2, 3, 4]);
    const untaught = { follows, affinities: new Map<string, number>() };
    expect(
      rerankWindow(
        [p2, s2, p1, s1].map((c) => ({ ...c, opened: false })),
        untaught,
        personal,
      ).map((c) => c.articleId),
    ).toEqual([1, 3, 4, 2]);
  });
});
