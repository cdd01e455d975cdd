import { Injectable } from '@nestjs/common';
import type { Article } from '../articles/article.entity';

/**
 * What the articles feature tells the fan-out. Called after the change is committed.
 * (Filled in by the fan-out work: enqueue plan jobs, delayed for scheduled articles.)
 */
@Injectable()
export class ArticleEventsService {
  /** A published article (new, published from draft, or scheduled for publishedAt). */
  async published(_article: Article): Promise<void> {}
  /** An edit of a published article; `addedTopicIds` are topics it did not carry before. */
  async edited(_article: Article, _addedTopicIds: string[]): Promise<void> {}
  async retracted(_article: Article): Promise<void> {}
}
