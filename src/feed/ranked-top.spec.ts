import { compareKeyed, type Keyed } from '../ranking/feed-score';
import { type Arrival, decodeTopBasis, encodeTopBasis, mergeArrivals, rankTop, type RankedTop, type TopEntry } from './ranked-top';

const MAX_RUN = 2;

/** A window record as far as the top goes: its article and stored key (later records of an article win). */
type Rec = Keyed;

/** What the reader's judgement and fresh scoring make of an article (a function of the article: cards unchanged). */
type Judge = (articleId: number) => Omit<TopEntry, 'key'> | null;

/** The top as RankedTopService.rerankTop makes it from scratch: scan the stored order down to `size` shown entries. */
function fromScratch(window: Rec[], judge: Judge, size: number): RankedTop {
  const latest = new Map<number, Rec>();
  for (const r of window) latest.set(r.articleId, r);
  const ordered = [...latest.values()].sort(compareKeyed);
  const entries: TopEntry[] = [];
  let scanned = 0;
  for (const r of ordered) {
    scanned++;
    const judged = judge(r.articleId);
    if (!judged) continue;
    entries.push({ ...judged, key: r.key });
    if (entries.length === size) break;
  }
  const last = ordered[scanned - 1];
  return rankTop(entries, last && { key: last.key, articleId: last.articleId }, MAX_RUN);
}

/** The arrivals as RankedTopService.mergedTop passes them: decoded (later records winning), each judged. */
function arrivalsOf(records: Rec[], judge: Judge): Arrival[] {
  const latest = new Map<number, Rec>();
  for (const r of records) {
    latest.delete(r.articleId);
    latest.set(r.articleId, r);
  }
  return [...latest.values()].map((r) => {
    const judged = judge(r.articleId);
    return { position: { key: r.key, articleId: r.articleId }, entry: judged && { ...judged, key: r.key } };
  });
}

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(seed: number) {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const ids = 1 + int(120);
  // Few distinct keys, so ties (broken by article id) happen too.
  const key = () => int(40) + (rnd() < 0.5 ? 0 : int(1000) / 1000);
  const judgements = new Map<number, ReturnType<Judge>>();
  for (let id = 1; id <= ids + 20; id++) {
    const shown = rnd() < 0.8;
    judgements.set(
      id,
      shown
        ? {
            articleId: id,
            score: int(30) + (rnd() < 0.5 ? 0 : rnd()),
            primaryTopic: ['t1', 't2', 't3', undefined][int(4)],
            storyKey: rnd() < 0.2 ? ['s1', 's2'][int(2)] : null,
          }
        : null,
    );
  }
  const judge: Judge = (id) => judgements.get(id) ?? null;
  const window = Array.from({ length: int(90) }, () => ({ articleId: 1 + int(ids), key: key() }));
  // Mostly new articles; some re-fanned ones already in the window.
  const arrivals = Array.from({ length: 1 + int(6) }, () => ({
    articleId: rnd() < 0.7 ? ids + 1 + int(20) : 1 + int(ids),
    key: key() + (rnd() < 0.5 ? 40 : 0),
  }));
  const size = 1 + int(30);
  return { window, arrivals, judge, size };
}

describe('merging arrivals into a kept ranked top', () => {
  it('gives exactly the top a re-rank from scratch gives, or declines (random windows, 1,000 cases)', () => {
    let merged = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const { window, arrivals, judge, size } = randomCase(seed);
      const kept = fromScratch(window, judge, size);
      const result = mergeArrivals(kept, arrivalsOf(arrivals, judge), size, MAX_RUN);
      if (result === null) {
        // Declined only when an arrival replaces a record the top holds or stops at.
        const held = new Set([...kept.entries.map((e) => e.articleId), kept.boundary?.articleId]);
        expect(arrivals.some((a) => held.has(a.articleId))).toBe(true);
        continue;
      }
      merged++;
      expect({ seed, top: result }).toEqual({ seed, top: fromScratch([...window, ...arrivals], judge, size) });
    }
    // The cases must exercise merging, not only declining.
    expect(merged).toBeGreaterThan(500);
  });

  it('puts a new arrival at its rank and pushes the lowest stored entry out past the boundary', () => {
    const entry = (articleId: number, key: number, score: number, primaryTopic = 'a'): TopEntry => ({
      articleId,
      key,
      score,
      primaryTopic,
      storyKey: null,
    });
    const kept = rankTop([entry(3, 30, 5), entry(2, 20, 9), entry(1, 10, 7)], { key: 10, articleId: 1 }, MAX_RUN);
    expect(kept.ids).toEqual([2, 1, 3]);
    const top = mergeArrivals(kept, [{ position: { key: 40, articleId: 4 }, entry: entry(4, 40, 8, 'b') }], 3, MAX_RUN)!;
    expect(top.ids).toEqual([2, 4, 3]);
    expect(top.boundary).toEqual({ key: 20, articleId: 2 });
  });

  it('leaves the top as it was when the arrival is not shown or lies below the boundary', () => {
    const entry = (articleId: number, key: number): TopEntry => ({ articleId, key, score: key, primaryTopic: 'a', storyKey: null });
    const kept = rankTop([entry(3, 30), entry(2, 20)], { key: 20, articleId: 2 }, MAX_RUN);
    expect(mergeArrivals(kept, [{ position: { key: 50, articleId: 5 }, entry: null }], 2, MAX_RUN)).toEqual(kept);
    expect(mergeArrivals(kept, [{ position: { key: 5, articleId: 6 }, entry: entry(6, 5) }], 2, MAX_RUN)).toEqual(kept);
  });

  it('declines an arrival that replaces an entry of the top (an edit re-fanned)', () => {
    const kept = rankTop([{ articleId: 3, key: 30, score: 1, primaryTopic: 'a', storyKey: null }], { key: 30, articleId: 3 }, MAX_RUN);
    expect(mergeArrivals(kept, [{ position: { key: 31, articleId: 3 }, entry: null }], 5, MAX_RUN)).toBeNull();
  });
});

describe('a kept top basis', () => {
  it('reads back what was written: scores to the bit, topics, stories and the muted-words name', () => {
    const entries: TopEntry[] = [
      { articleId: 4_000_000_000, key: 123_456.789_012_345_67, score: -0.1 + 0.2, primaryTopic: '42', storyKey: 'élection-2026' },
      { articleId: 7, key: 1 / 3, score: Number.MIN_VALUE, primaryTopic: undefined, storyKey: null },
      { articleId: 8, key: 1e-300, score: 5, primaryTopic: '42', storyKey: 'élection-2026' },
    ];
    const basis = { entries, scoredAt: 1_795_000_000_123, mutedWords: 'abc' };
    expect(decodeTopBasis(encodeTopBasis(basis))).toEqual(basis);
    expect(decodeTopBasis(encodeTopBasis({ entries: [], scoredAt: 1, mutedWords: '' }))).toEqual({
      entries: [],
      scoredAt: 1,
      mutedWords: '',
    });
  });

  it('reads a value it did not write as none', () => {
    expect(decodeTopBasis(Buffer.from('garbage'))).toBeNull();
    const written = encodeTopBasis({
      entries: [{ articleId: 1, key: 1, score: 1, primaryTopic: 'a', storyKey: null }],
      scoredAt: 1,
      mutedWords: '',
    });
    expect(decodeTopBasis(written.subarray(0, written.length - 1))).toBeNull();
  });
});
