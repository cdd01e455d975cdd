import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../infra/database/queryable';

export interface MutedWord {
  id: string;
  phrase: string;
  expiresAt: Date | null;
  createdAt: Date;
}

interface MutedWordRow {
  id: string;
  phrase: string;
  expires_at: Date | null;
  created_at: Date;
}

const COLUMNS = `id::text AS id, phrase, expires_at, created_at`;
const ACTIVE = `(expires_at IS NULL OR expires_at > $2)`;
const toMutedWord = (r: MutedWordRow): MutedWord => ({ id: r.id, phrase: r.phrase, expiresAt: r.expires_at, createdAt: r.created_at });

/** The muted_words table. Whether a phrase hides an article is the matcher's (feed-rules/muted-words.ts). */
@Injectable()
export class MutedWordsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The reader's unexpired muted words, newest first. */
  async listActive(userId: string, now: Date): Promise<MutedWord[]> {
    const rows: MutedWordRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM muted_words WHERE user_id = $1 AND ${ACTIVE} ORDER BY created_at DESC, id DESC`,
      [userId, now],
    );
    return rows.map(toMutedWord);
  }

  /** The phrases that hide articles from this reader now. */
  /** Every word of the reader with its expiry, expired ones too: the reader state decides at read which are in force. */
  async phrasesWithExpiry(userId: string): Promise<[phrase: string, expiresAt: Date | null][]> {
    const rows: { phrase: string; expires_at: Date | null }[] = await this.db.query(
      `SELECT phrase, expires_at FROM muted_words WHERE user_id = $1 ORDER BY phrase`,
      [userId],
    );
    return rows.map((r) => [r.phrase, r.expires_at]);
  }

  async activePhrases(userId: string, now: Date): Promise<string[]> {
    return (await this.listActive(userId, now)).map((w) => w.phrase);
  }

  /** The active phrases of many readers at once (fan-out chunks); readers without any are absent. */
  async activePhrasesOf(userIds: readonly string[], now: Date): Promise<Map<string, string[]>> {
    const rows: { user_id: string; phrase: string }[] = await this.db.query(
      `SELECT user_id::text AS user_id, phrase FROM muted_words WHERE user_id = ANY($1::bigint[]) AND ${ACTIVE}`,
      [userIds, now],
    );
    const byUser = new Map<string, string[]>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.phrase]);
    return byUser;
  }

  /** The active phrases of the readers with ids in (after, last] (alert chunks); readers without any are absent. */
  async activePhrasesInRange(range: { after: string; last: string }, now: Date): Promise<Map<string, string[]>> {
    const rows: { user_id: string; phrase: string }[] = await this.db.query(
      `SELECT user_id::text AS user_id, phrase FROM muted_words WHERE user_id > $3 AND user_id <= $1 AND ${ACTIVE}`,
      [range.last, now, range.after],
    );
    const byUser = new Map<string, string[]>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.phrase]);
    return byUser;
  }

  /**
   * Inside the caller's transaction (which holds the user's row lock): forgets expired words, then adds
   * the phrase or gives the existing one (case-insensitive) the new expiry. `count` is the reader's
   * words after the change.
   */
  async upsert(
    m: Queryable,
    userId: string,
    phrase: string,
    expiresAt: Date | null,
    now: Date,
  ): Promise<{ word: MutedWord; created: boolean; count: number }> {
    await m.query(`DELETE FROM muted_words WHERE user_id = $1 AND expires_at <= $2`, [userId, now]);
    const [row]: (MutedWordRow & { created: boolean })[] = await m.query(
      `INSERT INTO muted_words (user_id, phrase, expires_at, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, lower(phrase)) DO UPDATE SET expires_at = EXCLUDED.expires_at
       RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [userId, phrase, expiresAt, now],
    );
    const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM muted_words WHERE user_id = $1`, [userId]);
    return { word: toMutedWord(row), created: row.created, count: n };
  }

  /** True when the reader had a muted word of this id. */
  async delete(userId: string, id: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `WITH removed AS (DELETE FROM muted_words WHERE user_id = $1 AND id = $2 RETURNING 1) SELECT count(*)::int AS n FROM removed`,
      [userId, id],
    );
    return n > 0;
  }
}
