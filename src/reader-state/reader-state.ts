import { createHash } from 'node:crypto';
import type { Role } from '../users/user.entity';

/**
 * What the guard and the feed's read path need of a reader, as last read from Postgres. Hidden and
 * opened articles are bounded: each set is complete for article ids ≥ its `from` (0: complete).
 */
export interface ReaderState {
  /** When it was read from Postgres (ms); a copy older than READER_STATE_MAX_AGE_SECONDS is not trusted. */
  loadedAt: number;
  /** A hash of the content (not of loadedAt): what a cached ranked top and a page's ETag were made from. */
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
}

/** The encoded form; short names keep a typical reader well under 2 KB. Later fields (muted words, read markers) add keys. */
interface Encoded {
  v: 1;
  t: number;
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
}

export function encodeReaderState(s: ReaderState): string {
  return JSON.stringify({ v: 1, t: s.loadedAt, sv: s.version, ...content(s) } satisfies Encoded);
}

/** The version of a state just read from Postgres. */
export function readerStateVersion(s: Omit<ReaderState, 'version'>): string {
  return createHash('sha1')
    .update(JSON.stringify(content(s)))
    .digest('base64url')
    .slice(0, 16);
}

function content(s: Omit<ReaderState, 'version'>): Omit<Encoded, 'v' | 't' | 'sv'> {
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
  if (e?.v !== 1 || typeof e.t !== 'number' || typeof e.sv !== 'string' || !Array.isArray(e.f)) return null;
  return {
    loadedAt: e.t,
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
  };
}

/** The state of an id that names no account. */
export const NO_ACCOUNT: Readonly<ReaderState> = {
  loadedAt: 0,
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
};
