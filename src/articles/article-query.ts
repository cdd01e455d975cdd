import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { TopicRow } from './article-topics.writer';
import { Article } from './article.entity';

export interface ArticleWithTopics {
  article: Article;
  topics: TopicRow[];
}

const CARD_COLUMNS = [
  'id',
  'slug',
  'headline',
  'summary',
  'imageUrl',
  'imageCaption',
  'authors',
  'status',
  'priority',
  'publishedAt',
  'updatedAt',
] as const;

/** Articles with their topics in display order, in one SQL statement however many ids. */
@Injectable()
export class ArticleQuery {
  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}

  /** Ids that name nothing are left out; `withBody: false` skips the (large) body for cards. */
  async loadWithTopics(ids: string[], options: { withBody: boolean }): Promise<ArticleWithTopics[]> {
    if (!ids.length) return [];
    const columns = options.withBody ? [...CARD_COLUMNS, 'body', 'version', 'externalId', 'createdAt'] : CARD_COLUMNS;
    const { entities, raw } = await this.articles
      .createQueryBuilder('a')
      .select(columns.map((c) => `a.${c}`))
      .addSelect(
        `(SELECT coalesce(json_agg(json_build_object('id', t.id::text, 'slug', t.slug, 'name', t.name) ORDER BY at.position), '[]'::json)
            FROM article_topics at JOIN topics t ON t.id = at.topic_id WHERE at.article_id = a.id)`,
        'topics',
      )
      .where('a.id = ANY(CAST(:ids AS bigint[]))', { ids })
      .getRawAndEntities<{ a_id: string; topics: TopicRow[] }>();
    const topicsById = new Map(raw.map((r) => [String(r.a_id), r.topics]));
    return entities.map((article) => ({ article, topics: topicsById.get(String(article.id)) ?? [] }));
  }
}
