import { Injectable } from '@nestjs/common';
import { articleNotFound } from '../articles/article-errors';
import { ArticlesRepository } from '../articles/articles.repository';
import { CardCacheService } from '../articles/card-cache.service';
import { isEntityId } from '../infra/http/entity-id';
import type { Page, PageQuery } from '../infra/http/paging';
import { parseListCursor, readCardPage } from './card-list';
import { SavedRepository } from './saved.repository';

/** The reader's saved stories: published articles only; a retracted one leaves the list at once. */
@Injectable()
export class SavedService {
  constructor(
    private readonly saved: SavedRepository,
    private readonly articles: ArticlesRepository,
    private readonly cards: CardCacheService,
  ) {}

  /** Idempotent: saving again keeps the first savedAt. */
  async save(userId: string, articleId: string): Promise<void> {
    if (!isEntityId(articleId)) throw articleNotFound();
    if (await this.saved.insertIfVisible(userId, articleId)) return;
    if (!(await this.articles.isPubliclyVisible(articleId))) throw articleNotFound();
  }

  /** Idempotent; an id of any article (even one never saved) answers the same. */
  async unsave(userId: string, articleId: string): Promise<void> {
    if (!isEntityId(articleId)) throw articleNotFound();
    await this.saved.delete(userId, articleId);
  }

  async page(userId: string, query: PageQuery): Promise<Page<unknown>> {
    const rows = await this.saved.page(userId, query.limit + 1, parseListCursor(query.cursor));
    const listRows = rows.map((r) => ({ articleId: r.articleId, at: r.savedAt, position: r.position }));
    return readCardPage(this.cards, listRows, query.limit, 'savedAt');
  }
}
