import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A published article version whose fan-out is owed. */
export interface FanoutIntent {
  outboxId: string;
  articleId: string;
  version: number;
  dueAt: Date;
}

interface Row {
  id: string;
  article_id: string;
  version: number;
  due_at: Date;
}

const toIntent = (r: Row): FanoutIntent => ({ outboxId: r.id, articleId: r.article_id, version: r.version, dueAt: r.due_at });

/** The fanout_outbox table (this feature's): written in the article's transaction, drained and completed by workers. */
@Injectable()
export class FanoutOutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** In the caller's transaction; null when this version is recorded already. */
  async record(m: EntityManager, article: { id: string; version: number; publishedAt: Date }): Promise<FanoutIntent | null> {
    const rows: Row[] = await m.query(
      `INSERT INTO fanout_outbox (article_id, version, due_at) VALUES ($1, $2, $3)
       ON CONFLICT (article_id, version) DO NOTHING
       RETURNING id::text AS id, article_id::text AS article_id, version, due_at`,
      [article.id, article.version, article.publishedAt],
    );
    return rows.length ? toIntent(rows[0]) : null;
  }

  /** Intents nobody enqueued, locked for the caller's transaction (other drainers skip them). */
  async claimPending(m: EntityManager, limit: number): Promise<FanoutIntent[]> {
    const rows: Row[] = await m.query(
      `SELECT id::text AS id, article_id::text AS article_id, version, due_at FROM fanout_outbox
        WHERE enqueued_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(toIntent);
  }

  async markEnqueued(ids: string[], m: EntityManager = this.db.manager): Promise<void> {
    if (!ids.length) return;
    await m.query(`UPDATE fanout_outbox SET enqueued_at = now() WHERE id = ANY($1::bigint[]) AND enqueued_at IS NULL`, [ids]);
  }

  /** The plan of this version ran to its end (chunks enqueued) or found nothing to do. */
  async markCompleted(articleId: string, version: number): Promise<void> {
    await this.db.query(
      `UPDATE fanout_outbox SET completed_at = now(), enqueued_at = coalesce(enqueued_at, now())
        WHERE article_id = $1 AND version = $2 AND completed_at IS NULL`,
      [articleId, version],
    );
  }

  /** Enqueued intents, due before `dueBefore` and enqueued before `enqueuedBefore`, whose plan never completed. */
  async unfinished(dueBefore: Date, enqueuedBefore: Date, limit: number): Promise<FanoutIntent[]> {
    const rows: Row[] = await this.db.query(
      `SELECT id::text AS id, article_id::text AS article_id, version, due_at FROM fanout_outbox
        WHERE completed_at IS NULL AND due_at < $1 AND enqueued_at < $2 ORDER BY due_at LIMIT $3`,
      [dueBefore, enqueuedBefore, limit],
    );
    return rows.map(toIntent);
  }

  async pruneCompleted(before: Date, limit: number): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `DELETE FROM fanout_outbox WHERE id IN (
         SELECT id FROM fanout_outbox WHERE completed_at < $1 ORDER BY completed_at LIMIT $2
       ) RETURNING id`,
      [before, limit],
    );
    return rows.length;
  }
}
