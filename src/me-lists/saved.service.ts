import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { articleNotFound } from '../articles/article-errors';
import { CardCacheService } from '../articles/card-cache.service';
import { isEntityId } from '../infra/http/entity-id';
import type { Page, PageQuery } from '../infra/http/paging';
import { ListRow, parseListCursor, toCardPage } from './card-list';

/** The reader's saved stories: published articles only; a retracted one leaves the list at once. */
@Injectable()
export class SavedService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cards: CardCacheService,
  ) {}

  /** Idempotent: saving again keeps the first savedAt. */
  async save(userId: string, articleId: string): Promise<void> {
    if (!isEntityId(articleId)) throw articleNotFound();
    const rows: unknown[] = await this.db.query(
      `INSERT INTO saved_articles (user_id, article_id)
       SELECT $1, a.id FROM articles a WHERE a.id = $2 AND a.status = 'published' AND a.published_at <= now()
       ON CONFLICT (user_id, article_id) DO NOTHING
       RETURNING 1`,
      [userId, articleId],
    );
    if (rows.length) return;
    const [visible] = await this.db.query<unknown[]>(
      `SELECT 1 FROM articles WHERE id = $1 AND status = 'published' AND published_at <= now()`,
      [articleId],
    );
    if (!visible) throw articleNotFound();
  }

  /** Idempotent; an id of any article (even one never saved) answers the same. */
  async unsave(userId: string, articleId: string): Promise<void> {
    if (!isEntityId(articleId)) throw articleNotFound();
    await this.db.query(`DELETE FROM saved_articles WHERE user_id = $1 AND article_id = $2`, [userId, articleId]);
  }

  async page(userId: string, query: PageQuery): Promise<Page<unknown>> {
    const after = parseListCursor(query.cursor);
    const rows: { id: string; saved_at: Date; t: string }[] = await this.db.query(
      `SELECT s.article_id::text AS id, s.saved_at,
              to_char(s.saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
         FROM saved_articles s JOIN articles a ON a.id = s.article_id
        WHERE s.user_id = $1 AND a.status = 'published' AND a.published_at <= now()
          ${after ? 'AND (s.saved_at, s.article_id) < ($3::timestamptz, $4::bigint)' : ''}
        ORDER BY s.saved_at DESC, s.article_id DESC
        LIMIT $2`,
      after ? [userId, query.limit + 1, after.t, after.id] : [userId, query.limit + 1],
    );
    const listRows: ListRow[] = rows.map((r) => ({ articleId: r.id, at: r.saved_at, position: r.t }));
    const cards = await this.cards.getMany(listRows.slice(0, query.limit).map((r) => r.articleId));
    return toCardPage(listRows, query.limit, cards, 'savedAt');
  }
}
