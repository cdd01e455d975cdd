import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '../users/user.entity';
import { ReaderState, readerStateVersion } from './reader-state';

/** Hidden and opened articles kept per reader, newest ids first: a window holds 800 entries, most never hidden. */
export const READER_STATE_ARTICLES_CAP = 256;

interface Row {
  kind: 'u' | 'f' | 'm' | 'h' | 'o' | 'a' | 'e' | 'w' | 'k';
  id: string;
  score: number | null;
  at: Date | null;
}

/**
 * Reads a reader's state from Postgres (the source of truth) in one query. Like the reader-signals query, it reads
 * tables owned elsewhere (users/, follows/, signals/, auth/) as one unit: one round trip per state load.
 */
@Injectable()
export class ReaderStateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(userId: string, endedWithinSeconds: number): Promise<ReaderState> {
    const rows: Row[] = await this.db.query(
      `SELECT 'u' AS kind, role AS id, login_epoch::float8 AS score, last_active_at AS at FROM users WHERE id = $1
       UNION ALL SELECT 'f', topic_id::text, NULL, NULL FROM follows WHERE user_id = $1
       UNION ALL SELECT 'm', topic_id::text, NULL, NULL FROM mutes WHERE user_id = $1
       UNION ALL (SELECT 'h', article_id::text, NULL, NULL FROM article_hides WHERE user_id = $1 ORDER BY article_id DESC LIMIT $2)
       UNION ALL (SELECT 'o', article_id::text, NULL, NULL FROM reading_history WHERE user_id = $1 ORDER BY article_id DESC LIMIT $2)
       UNION ALL SELECT 'a', topic_id::text, score, updated_at FROM topic_affinities WHERE user_id = $1
       UNION ALL SELECT 'w', phrase, NULL, expires_at FROM muted_words WHERE user_id = $1
       UNION ALL SELECT 'k', article_id::text, (extract(epoch FROM published_at) * 1000)::float8, updated_at FROM feed_markers
         WHERE user_id = $1
       UNION ALL SELECT DISTINCT 'e', family_id::text, NULL::float8, NULL::timestamptz FROM refresh_tokens
         WHERE user_id = $1 AND revoked_at > now() - make_interval(secs => $3)`,
      [userId, READER_STATE_ARTICLES_CAP + 1, endedWithinSeconds],
    );
    const state: Omit<ReaderState, 'version'> = {
      loadedAt: Date.now(),
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
    const hidden: number[] = [];
    const opened: number[] = [];
    for (const r of rows) {
      if (r.kind === 'u') {
        state.role = r.id as Role;
        state.loginEpoch = r.score!;
        state.lastActiveAt = r.at!.getTime();
      } else if (r.kind === 'f') state.follows.add(r.id);
      else if (r.kind === 'm') state.mutes.add(r.id);
      else if (r.kind === 'h') hidden.push(Number(r.id));
      else if (r.kind === 'o') opened.push(Number(r.id));
      else if (r.kind === 'a') state.affinities.push([r.id, r.score!, r.at!.getTime()]);
      else if (r.kind === 'w') state.mutedWords.push([r.id, r.at ? r.at.getTime() : null]);
      else if (r.kind === 'k')
        state.marker = { articleId: Number(r.id), publishedAtMs: Math.round(r.score!), updatedAtMs: r.at!.getTime() };
      else state.endedLogins.push(r.id);
    }
    // Expired words are kept: which are in force is decided at read, by the clock (they are few: at most 200).
    state.mutedWords.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    [state.hidden, state.hiddenFrom] = bounded(hidden);
    [state.opened, state.openedFrom] = bounded(opened);
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
