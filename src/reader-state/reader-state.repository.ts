import { Injectable } from '@nestjs/common';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { FollowsRepository } from '../follows/follows.repository';
import { FeedMarkersRepository } from '../markers/feed-markers.repository';
import { MutedWordsRepository } from '../muted-words/muted-words.repository';
import { ReaderSignalsRepository } from '../signals/reader-signals.repository';
import { UsersRepository } from '../users/users.repository';
import { ReaderState, readerStateVersion } from './reader-state';

/** Hidden and opened articles kept per reader, newest ids first: a window holds 800 entries, most never hidden. */
export const READER_STATE_ARTICLES_CAP = 256;

/**
 * Reads a reader's state from Postgres (the source of truth) through the owners of its tables: the account
 * (users/), follows and mutes (follows/), signals (signals/), ended logins (auth/), muted words (muted-words/) and the
 * feed marker (markers/); six queries at once, so a
 * load costs about one round trip.
 */
@Injectable()
export class ReaderStateRepository {
  constructor(
    private readonly users: UsersRepository,
    private readonly follows: FollowsRepository,
    private readonly signals: ReaderSignalsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly mutedWords: MutedWordsRepository,
    private readonly markers: FeedMarkersRepository,
  ) {}

  async load(userId: string, endedWithinSeconds: number): Promise<ReaderState> {
    const [head, graph, signals, endedLogins, words, marker] = await Promise.all([
      this.users.sessionHead(userId),
      this.follows.topicGraph(userId),
      this.signals.newest(userId, READER_STATE_ARTICLES_CAP + 1),
      this.refreshTokens.endedFamilies(userId, endedWithinSeconds),
      this.mutedWords.phrasesWithExpiry(userId),
      this.markers.of(userId),
    ]);
    const hidden: number[] = [];
    const opened: number[] = [];
    const affinities: ReaderState['affinities'] = [];
    for (const r of signals) {
      if (r.kind === 'hidden') hidden.push(Number(r.id));
      else if (r.kind === 'opened') opened.push(Number(r.id));
      else affinities.push([r.id, r.score, r.updated_at.getTime()]);
    }
    const [hiddenSet, hiddenFrom] = bounded(hidden);
    const [openedSet, openedFrom] = bounded(opened);
    const state: Omit<ReaderState, 'version'> = {
      role: head?.role ?? null,
      loginEpoch: head?.loginEpoch ?? 0,
      lastActiveAt: head?.lastActiveAt.getTime() ?? 0,
      endedLogins,
      follows: graph.follows,
      mutes: graph.mutes,
      hidden: hiddenSet,
      hiddenFrom,
      opened: openedSet,
      openedFrom,
      affinities,
      // Expired words are kept: which are in force is decided at read, by the clock (they are few: at most 200).
      mutedWords: words.map(([phrase, expiresAt]) => [phrase, expiresAt ? expiresAt.getTime() : null]),
      marker: marker && {
        articleId: Number(marker.articleId),
        publishedAtMs: marker.publishedAt.getTime(),
        updatedAtMs: marker.updatedAt.getTime(),
      },
    };
    return { ...state, version: readerStateVersion(state) };
  }
}

/** Ids newest first, one more than the cap when there were more: keeps the cap, complete from the smallest kept. */
function bounded(ids: number[]): [Set<number>, number] {
  ids.sort((a, b) => b - a);
  if (ids.length <= READER_STATE_ARTICLES_CAP) return [new Set(ids), 0];
  const kept = ids.slice(0, READER_STATE_ARTICLES_CAP);
  return [new Set(kept), kept[kept.length - 1]];
}
