import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../infra/database/queryable';

/** The article_hides table: articles a reader hid, never shown to them again. */
@Injectable()
export class HidesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `hides`: article id to when it was hidden; a repeat keeps the first. */
  async record(m: Queryable, userId: string, hides: Map<string, number>): Promise<void> {
    await m.query(
      `INSERT INTO article_hides (user_id, article_id, hidden_at)
       SELECT $1, h.article_id, h.hidden_at FROM unnest($2::bigint[], $3::timestamptz[]) AS h(article_id, hidden_at)
       ON CONFLICT (user_id, article_id) DO NOTHING`,
      [userId, [...hides.keys()], [...hides.values()].map((ms) => new Date(ms))],
    );
  }

  async hiddenAmong(userId: string, articleIds: string[]): Promise<Set<string>> {
    if (!articleIds.length) return new Set();
    const rows: { id: string }[] = await this.db.query(
      `SELECT article_id::text AS id FROM article_hides WHERE user_id = $1 AND article_id = ANY($2::bigint[])`,
      [userId, articleIds],
    );
    return new Set(rows.map((r) => r.id));
  }
}
