import { createHash } from 'node:crypto';
import type { Role } from '../users/user.entity';

/**
 * What the guard and the feed's read path need of a reader, as last read from Postgres. Hidden and
 * opened articles are bounded: each set is complete for article ids ≥ its `from` (0: complete).
 */
export interface ReaderState {
  /** A hash of the content: what a cached ranked top and a page's ETag were made from. */
  version: string;
  /** Null: the account no longer exists (erased). */
  role: Role | null;
  /** Bumped in Postgres when every login of the account ends (role change, promotion, password set). */
  loginEpoch: number;
  lastActiveAt: number;
  /** Logins (refresh-token families) that ended within the access-token lifetime: their tokens stop at once. */
  endedLogins: string[];
  follows: Set<string>;
  mutes: Set<string>;
  hidden: Set<number>;
  hiddenFrom: number;
  opened: Set<number>;
  openedFrom: number;
  /** Topic affinities as stored (score, updatedAt ms); decayed at read. */
  affinities: [topicId: string, score: number, updatedAtMs: number][];
  /** Muted words as stored (expiry ms or null): which are active is decided at read, by the clock. */
  mutedWords: [phrase: string, expiresAtMs: number | null][];
  /** The feed marker (docs/feed.md): the newest article the reader has seen, on any login. */
  marker: FeedMarkerState | null;
}

export interface FeedMarkerState {
  articleId: number;
  publishedAtMs: number;
  updatedAtMs: number;
}

/** The reader's muted phrases in force at `nowMs`. */
export const activeMutedWords = (s: Pick<ReaderState, 'mutedWords'>, nowMs: number): string[] =>
  s.mutedWords.filter(([, until]) => until === null || until > nowMs).map(([phrase]) => phrase);

/** The encoded form; short names keep a typical reader well under 2 KB. */
interface Encoded {
  v: 2;
  sv: string;
  r: Role | null;
  ep: number;
  la: number;
  e: string[];
  f: string[];
  m: string[];
  h: number[];
  hf: number;
  o: number[];
  of: number;
  a: [string, number, number][];
  w: [string, number | null][];
  k: [number, number, number] | null;
}

export function encodeReaderState(s: ReaderState): string {
  return JSON.stringify({ v: 2, sv: s.version, ...content(s) } satisfies Encoded);
}

/** The version of a state just read from Postgres. */
export function readerStateVersion(s: Omit<ReaderState, 'version'>): string {
  return createHash('sha1')
    .update(JSON.stringify(content(s)))
    .digest('base64url')
    .slice(0, 16);
}

function content(s: Omit<ReaderState, 'version'>): Omit<Encoded, 'v' | 'sv'> {
  return {
    r: s.role,
    ep: s.loginEpoch,
    la: s.lastActiveAt,
    e: s.endedLogins,
    f: [...s.follows],
    m: [...s.mutes],
    h: [...s.hidden],
    hf: s.hiddenFrom,
    o: [...s.opened],
    of: s.openedFrom,
    a: s.affinities,
    w: s.mutedWords,
    k: s.marker && [s.marker.articleId, s.marker.publishedAtMs, s.marker.updatedAtMs],
  };
}

/** Null for anything this code did not write (then the state is read from Postgres again). */
export function decodeReaderState(value: string): ReaderState | null {
  let e: Encoded;
  try {
    e = JSON.parse(value) as Encoded;
  } catch {
    return null;
  }
  if (e?.v !== 2 || typeof e.sv !== 'string' || !Array.isArray(e.f)) return null;
  return {
    version: e.sv,
    role: e.r,
    loginEpoch: e.ep,
    lastActiveAt: e.la,
    endedLogins: e.e,
    follows: new Set(e.f),
    mutes: new Set(e.m),
    hidden: new Set(e.h),
    hiddenFrom: e.hf,
    opened: new Set(e.o),
    openedFrom: e.of,
    affinities: e.a,
    mutedWords: e.w,
    marker: e.k && { articleId: e.k[0], publishedAtMs: e.k[1], updatedAtMs: e.k[2] },
  };
}

/** The state of an id that names no account. */
export const NO_ACCOUNT: Readonly<ReaderState> = {
  version: '',
  role: null,
  loginEpoch: 0,
  lastActiveAt: 0,
  endedLogins: [],
  follows: new Set(),
  mutes: new Set(),
  hidden: new Set(),
  hiddenFrom: 0,
  opened: new Set(),
  openedFrom: 0,
  affinities: [],
  mutedWords: [],
  marker: null,
};
