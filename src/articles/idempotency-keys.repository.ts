import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotentRequest, idempotencyKeyReused } from './idempotency-key';

export interface FirstOutcome {
  status: number;
  articleId: string;
}

const KEPT = `interval '24 hours'`;

/** The idempotency_keys table: one row per account and key, written in the same transaction as the article. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Claims the key in the caller's transaction: null when this request is the first (or the key's
   * 24 hours are over), else the first request's outcome. A concurrent duplicate waits on the
   * claim's row lock until the first commits (then it gets that outcome) or rolls back (then it is first).
   */
  async claim(m: EntityManager, req: IdempotentRequest): Promise<FirstOutcome | null> {
    // Expired keys of this account go first, so the insert below can take their place.
    await m.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND created_at < now() - ${KEPT}`, [req.userId]);
    const claimed: unknown[] = await m.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status, article_id) VALUES ($1, $2, $3, NULL, NULL)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [req.userId, req.key, req.fingerprint],
    );
    if (claimed.length) return null;
    const [first] = await m.query<{ request_hash: string; status: number; article_id: string }[]>(
      `SELECT request_hash, status, article_id::text AS article_id FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [req.userId, req.key],
    );
    if (first.request_hash !== req.fingerprint) throw idempotencyKeyReused();
    return { status: first.status, articleId: first.article_id };
  }

  async complete(m: EntityManager, req: IdempotentRequest, outcome: FirstOutcome): Promise<void> {
    await m.query(`UPDATE idempotency_keys SET status = $3, article_id = $4 WHERE user_id = $1 AND key = $2`, [
      req.userId,
      req.key,
      outcome.status,
      outcome.articleId,
    ]);
  }

  /** Deletes up to `limit` keys whose 24 hours are over, of any account; how many went. */
  async deleteExpired(limit: number): Promise<number> {
    const [, deleted]: [unknown, number] = await this.db.query(
      `DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM idempotency_keys WHERE created_at < now() - ${KEPT} LIMIT $1))`,
      [limit],
    );
    return deleted;
  }
}
