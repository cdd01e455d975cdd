import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isEntityId } from '../infra/http/entity-id';
import { decodeCursor, encodeCursor, PageQuery } from '../infra/http/paging';
import { CardCacheService } from './card-cache.service';
import { TopicResolver } from './topic-resolver';

/** Position in a topic list: published_at to the microsecond (as Postgres prints it) and the article id. */
interface ListCursor {
  t: string;
  id: string;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

// A real instant only: Postgres would fail on February 30 and the like.
const isCursorTime = (t: string) =>
  CURSOR_TIME.test(t) &&
  !Number.isNaN(Date.parse(t.slice(0, 23) + 'Z')) &&
  new Date(t.slice(0, 23) + 'Z').toISOString().slice(0, 23) === t.slice(0, 23);

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topicResolver: TopicResolver,
    private readonly cards: CardCacheService,
  ) {}

  /** Newest first; scheduled and retracted articles never show. A keyset walk of article_topics_listing_idx. */
  async list(slug: string, page: PageQuery): Promise<CardPageJson> {
    const after = decodeCursor(page.cursor, isListCursor);
    const topic = await this.topicResolver.bySlug(slug);
    const rows: { id: string; t: string }[] = await this.dataSource.query(
      `SELECT article_id::text AS id,
              to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
         FROM article_topics
        WHERE topic_id = $1 AND listed AND published_at <= now()
          ${after ? 'AND (published_at, article_id) < ($3::timestamptz, $4::bigint)' : ''}
        ORDER BY published_at DESC, article_id DESC
        LIMIT $2`,
      after ? [topic.id, page.limit + 1, after.t, after.id] : [topic.id, page.limit + 1],
    );
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows[pageRows.length - 1];
    const nextCursor = rows.length > page.limit ? encodeCursor({ t: last.t, id: last.id }) : null;
    const cards = await this.cards.getMany(pageRows.map((r) => r.id));
    const items = pageRows.flatMap((r) => {
      const card = cards.get(r.id);
      return card ? [card.cardJson] : [];
    });
    return { json: `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`, nextCursor };
  }
}
