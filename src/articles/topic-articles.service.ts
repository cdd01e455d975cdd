import { Injectable } from '@nestjs/common';
import { isEntityId } from '../infra/http/entity-id';
import { decodeCursor, encodeCursor, isCursorTime, PageQuery } from '../infra/http/paging';
import { ArticlesRepository, type ListedArticle } from './articles.repository';
import { CardCacheService } from './card-cache.service';
import { TopicResolver } from './topic-resolver';

/** Position in a topic list: published_at to the microsecond (as Postgres prints it) and the article id. */
interface ListCursor {
  t: string;
  id: string;
}

export const isListCursor = (v: unknown): v is ListCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ListCursor).t === 'string' &&
  isCursorTime((v as ListCursor).t) &&
  typeof (v as ListCursor).id === 'string' &&
  isEntityId((v as ListCursor).id);

export interface CardPageJson {
  /** `{items, nextCursor}` already serialised: cached card JSON is spliced in, not re-encoded. */
  json: string;
  nextCursor: string | null;
}

@Injectable()
export class TopicArticlesService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly topicResolver: TopicResolver,
    private readonly cards: CardCacheService,
  ) {}

  /** Newest first; scheduled and retracted articles never show. A keyset walk of article_topics_listing_idx. */
  async list(slug: string, page: PageQuery): Promise<CardPageJson> {
    const after = decodeCursor(page.cursor, isListCursor);
    const topic = await this.topicResolver.bySlug(slug);
    const rows = await this.articles.listedInTopic(topic.id, page.limit + 1, after);
    return cardPageJson(rows, page.limit, this.cards);
  }
}

/** A page of a newest-first list read with limit + 1 rows: the cards spliced in as cached, and the cursor past the last. */
export async function cardPageJson(rows: ListedArticle[], limit: number, cards: CardCacheService): Promise<CardPageJson> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  const nextCursor = rows.length > limit ? encodeCursor({ t: last.t, id: last.id }) : null;
  const found = await cards.getMany(pageRows.map((r) => r.id));
  const items = pageRows.flatMap((r) => {
    const card = found.get(r.id);
    return card ? [card.cardJson] : [];
  });
  return { json: `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`, nextCursor };
}
