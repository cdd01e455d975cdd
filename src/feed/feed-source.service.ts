import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../infra/config/app-config';
import { writeWeight } from './feed-ranking';
import type { FeedRecord } from './feed-record';

export interface TopicGraph {
  follows: Set<string>;
  mutes: Set<string>;
}

export interface ArticleRef {
  id: string;
  publishedAt: Date;
  priority: 'normal' | 'breaking';
}

const END_OF_TIME = { publishedAt: new Date('9999-12-31T00:00:00Z'), id: '9223372036854775807' };

/** Postgres, the source every feed is (re)built from. */
@Injectable()
export class FeedSourceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async topicGraph(userId: string): Promise<TopicGraph> {
    const rows: { topic_id: string; kind: 'f' | 'm' }[] = await this.db.query(
      `SELECT topic_id::text, 'f' AS kind FROM follows WHERE user_id = $1
       UNION ALL SELECT topic_id::text, 'm' AS kind FROM mutes WHERE user_id = $1`,
      [userId],
    );
    const graph: TopicGraph = { follows: new Set(), mutes: new Set() };
    for (const row of rows) (row.kind === 'f' ? graph.follows : graph.mutes).add(row.topic_id);
    return graph;
  }

  /**
   * The newest visible articles carrying any of `topicIds` and none of `muteIds`, newest first,
   * strictly before `before`. One bounded index range scan per topic (article_topics_listing_idx).
   */
  async recentArticles(
    topicIds: Iterable<string>,
    muteIds: Iterable<string>,
    limit: number,
    before: { publishedAt: Date; id: string } = END_OF_TIME,
  ): Promise<ArticleRef[]> {
    const topics = [...topicIds];
    if (!topics.length) return [];
    const rows: { id: string; published_at: Date; priority: ArticleRef['priority'] }[] = await this.db.query(
      `WITH picked AS (
         SELECT DISTINCT x.article_id
         FROM unnest($1::bigint[]) AS t(topic_id)
         CROSS JOIN LATERAL (
           SELECT at.article_id FROM article_topics at
           WHERE at.topic_id = t.topic_id AND at.listed AND at.published_at <= now()
             AND (at.published_at, at.article_id) < ($2::timestamptz, $3::bigint)
           ORDER BY at.published_at DESC, at.article_id DESC
           LIMIT $4
         ) x
       )
       SELECT a.id::text AS id, a.published_at, a.priority
       FROM picked p JOIN articles a ON a.id = p.article_id
       WHERE a.status = 'published'
         AND NOT EXISTS (SELECT 1 FROM article_topics m WHERE m.article_id = a.id AND m.topic_id = ANY($5::bigint[]))
       ORDER BY a.published_at DESC, a.id DESC
       LIMIT $4`,
      [topics, before.publishedAt, before.id, limit, [...muteIds]],
    );
    return rows.map((r) => ({ id: r.id, publishedAt: r.published_at, priority: r.priority }));
  }

  toRecord(article: ArticleRef): FeedRecord {
    return {
      articleId: Number(article.id),
      publishedAtSec: Math.floor(article.publishedAt.getTime() / 1000),
      lnWeight: writeWeight(article.priority, this.rankingParams),
    };
  }

  get rankingParams() {
    return { tauSeconds: this.config.RANK_TAU_SECONDS, breakingBoost: this.config.RANK_BREAKING_BOOST };
  }

  async markActive(userId: string): Promise<void> {
    await this.db.query('UPDATE users SET last_active_at = now() WHERE id = $1', [userId]);
  }
}
