import { Injectable } from '@nestjs/common';
import { decodeCursor, PageQuery } from '../infra/http/paging';
import { storyNotFound } from './article-errors';
import { ArticlesRepository } from './articles.repository';
import { CardCacheService } from './card-cache.service';
import { isStoryKey } from './story-key';
import { CardPageJson, cardPageJson, isListCursor } from './topic-articles.service';

@Injectable()
export class StoryArticlesService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly cards: CardCacheService,
  ) {}

  /**
   * A story's published, due cards, newest first, paged like a topic list. A key no article could carry is
   * an unknown story (404), like an unknown id: keys are opaque to readers.
   */
  async list(key: string, page: PageQuery): Promise<CardPageJson> {
    const after = decodeCursor(page.cursor, isListCursor);
    if (!isStoryKey(key)) throw storyNotFound();
    const rows = await this.articles.listedInStory(key, page.limit + 1, after);
    // An empty first page means no published article carries the key; a later page may be empty.
    if (!rows.length && !after) throw storyNotFound();
    return cardPageJson(rows, page.limit, this.cards);
  }
}
