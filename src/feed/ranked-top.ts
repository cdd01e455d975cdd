import { compareKeyed, isAfter, type Keyed } from '../ranking/feed-score';
import { rerankScored, type ScoredCandidate } from '../ranking/rerank';

/** One shown entry of a ranked top: what re-ranking it again needs, without its card. */
export interface TopEntry extends ScoredCandidate {
  /** Its stored ranked key (feed-score.ts sortKey): where it stands in the window's order. */
  key: number;
}

/**
 * A ranked top (RankedTopService.topWindow): the first `size` entries the reader is shown, in the window's stored order
 * down to `boundary`, re-ranked with fresh scores.
 */
export interface RankedTop {
  /** The order to serve. */
  ids: number[];
  /** The lowest stored position the top covers: undefined only for an empty window. */
  boundary?: Keyed;
  /** The shown entries it was ranked from, in stored order. Fewer than `size` only when the whole window was scanned. */
  entries: TopEntry[];
}

/** A record that joined the window: its stored position, and its entry when the reader is shown it (else null). */
export interface Arrival {
  position: Keyed;
  entry: TopEntry | null;
}

export function rankTop(entries: TopEntry[], boundary: Keyed | undefined, maxRun: number): RankedTop {
  return { ids: rerankScored(entries, maxRun).map((e) => e.articleId), boundary, entries };
}

/**
 * The top of a window that grew by `arrivals` (appended records, later ones winning), from the top of the window
 * before them: the same as ranking the grown window from scratch with the same judgements and scores. The scan
 * from scratch meets the same shown entries above the old boundary plus the shown arrivals there, and stops at the
 * `size`-th; a top that had scanned the whole window also takes arrivals below it. Null when that cannot be known
 * without the window: an arrival replaces an entry of the top, or the record at its boundary.
 */
export function mergeArrivals(top: RankedTop, arrivals: Arrival[], size: number, maxRun: number): RankedTop | null {
  const inTop = new Set(top.entries.map((e) => e.articleId));
  for (const a of arrivals) if (inTop.has(a.position.articleId) || a.position.articleId === top.boundary?.articleId) return null;
  const whole = top.entries.length < size;
  let boundary = top.boundary;
  const added: TopEntry[] = [];
  for (const a of arrivals) {
    if (whole) {
      if (!boundary || isAfter(a.position, boundary)) boundary = a.position;
    } else if (isAfter(a.position, boundary!)) continue;
    if (a.entry) added.push(a.entry);
  }
  if (!added.length) return { ...top, boundary };
  const entries = [...top.entries, ...added].sort(compareKeyed);
  if (entries.length >= size) {
    entries.length = size;
    const last = entries[size - 1];
    boundary = { key: last.key, articleId: last.articleId };
  }
  return rankTop(entries, boundary, maxRun);
}

/** What a kept top's merges need beside it (reader hash field `topm`): its entries, and what they were judged with. */
export interface TopBasis {
  entries: TopEntry[];
  /** When the entries' fresh scores were taken (affinities decay): arrivals are scored as of then too. */
  scoredAt: number;
  /** Names the muted words the entries were judged with ('' for none). */
  mutedWords: string;
}

// String indexes are 16 bits: RANK_RERANK_WINDOW (at most 1,000) entries name at most 2,000 topics and stories.
const NONE = 0xffff;
const ENTRY_BYTES = 24;

/** Packed: scoredAt, the muted-words name, a string table (topics, stories), then 24 bytes per entry. */
export function encodeTopBasis(basis: TopBasis): Buffer {
  const strings = new Map<string, number>();
  const indexOf = (s: string | null | undefined) => {
    if (s === undefined || s === null) return NONE;
    let i = strings.get(s);
    if (i === undefined) strings.set(s, (i = strings.size));
    return i;
  };
  const packed = Buffer.alloc(basis.entries.length * ENTRY_BYTES);
  basis.entries.forEach((e, i) => {
    const at = i * ENTRY_BYTES;
    packed.writeUInt32BE(e.articleId, at);
    packed.writeDoubleBE(e.key, at + 4);
    packed.writeDoubleBE(e.score, at + 12);
    packed.writeUInt16BE(indexOf(e.primaryTopic), at + 20);
    packed.writeUInt16BE(indexOf(e.storyKey), at + 22);
  });
  const texts = [basis.mutedWords, ...strings.keys()].map((s) => Buffer.from(s));
  const head = Buffer.alloc(8 + 2 + 4);
  head.writeDoubleBE(basis.scoredAt, 0);
  head.writeUInt16BE(strings.size, 8);
  head.writeUInt32BE(basis.entries.length, 10);
  const parts = [head];
  for (const t of texts) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(t.length);
    parts.push(len, t);
  }
  parts.push(packed);
  return Buffer.concat(parts);
}

/** Null when the value is not one encodeTopBasis wrote. */
export function decodeTopBasis(buf: Buffer): TopBasis | null {
  if (buf.length < 14) return null;
  const scoredAt = buf.readDoubleBE(0);
  const stringCount = buf.readUInt16BE(8);
  const entryCount = buf.readUInt32BE(10);
  let at = 14;
  const texts: string[] = [];
  for (let i = 0; i <= stringCount; i++) {
    if (at + 4 > buf.length) return null;
    const len = buf.readUInt32BE(at);
    at += 4;
    if (at + len > buf.length) return null;
    texts.push(buf.toString('utf8', at, at + len));
    at += len;
  }
  if (buf.length - at !== entryCount * ENTRY_BYTES) return null;
  const [mutedWords, ...strings] = texts;
  const stringAt = (i: number) => (i === NONE ? undefined : strings[i]);
  const entries: TopEntry[] = [];
  for (let i = 0; i < entryCount; i++, at += ENTRY_BYTES) {
    entries.push({
      articleId: buf.readUInt32BE(at),
      key: buf.readDoubleBE(at + 4),
      score: buf.readDoubleBE(at + 12),
      primaryTopic: stringAt(buf.readUInt16BE(at + 20)),
      storyKey: stringAt(buf.readUInt16BE(at + 22)) ?? null,
    });
  }
  return { entries, scoredAt, mutedWords };
}
